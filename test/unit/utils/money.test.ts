// formatFen: integer fen → the one way money reads in the app.
import { formatFen, spokenFen } from '../../../src/utils/money'

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

describe('spokenFen', () => {
  it('says yuan and fen in words a screen reader reads as an amount, with no ¥ and no separator', () => {
    expect(spokenFen(72_317)).toBe('723 元 17 分')
    expect(spokenFen(123_456_700)).toBe('1234567 元')
    expect(spokenFen(5)).toBe('0 元 5 分')
    expect(spokenFen(0)).toBe('0 元')
    expect(spokenFen(-530)).toBe('负 5 元 30 分')
  })

  it('refuses what is not integer fen, like formatFen', () => {
    expect(() => spokenFen(1.5)).toThrow(TypeError)
  })
})
