// formatFen: integer fen → the one way money reads in the app.
import { formatFen } from '../../../src/utils/money'

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [100, '¥1.00'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-1230, '-¥12.30'],
    [-5, '-¥0.05'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })

  it('never shows a raw fen number', () => {
    expect(formatFen(123456)).not.toContain('123456')
  })

  it('refuses fractions of a fen instead of rounding them silently', () => {
    expect(() => formatFen(1.5)).toThrow(TypeError)
    expect(() => formatFen(Number.NaN)).toThrow(TypeError)
  })
})
