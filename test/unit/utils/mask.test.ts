// maskPhone: the phone the person typed, shown back as 138****5678.
import { maskPhone } from '../../../src/utils/mask'

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })

  it('ignores spaces typed between groups', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678')
  })

  it('masks anything else whole rather than leaking part of it', () => {
    expect(maskPhone('12345')).toBe('*****')
    expect(maskPhone('')).toBe('****')
  })
})
