// formatFen: integer fen → the one way money reads in the app; spokenFen: the same amount as a screen reader says it.
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
  test.each([
    [72317, '723 元 17 分'],
    [123400, '1234 元'],
    [5, '5 分'],
    [0, '0 元'],
    [-1230, '负 12 元 30 分'],
    [100000005, '1000000 元 5 分'],
  ])('%i fen reads as %s', (fen, words) => {
    expect(spokenFen(fen)).toBe(words)
  })

  test('refuses what is not whole fen', () => {
    expect(() => spokenFen(1.5)).toThrow('金额必须是整数分')
  })
})
