import fc from 'fast-check'
import { checkDigit, isValidIdNumber } from '../../../server/domain/gb11643'

test('known check digits (the standard\'s published example and an X case)', () => {
  expect(checkDigit('11010519491231002')).toBe('X')
  expect(isValidIdNumber('11010519491231002X')).toBe(true)
  expect(isValidIdNumber('110105194912310021')).toBe(false)
})

test('rejects impossible dates and malformed strings', () => {
  expect(isValidIdNumber(`11010519490231002${checkDigit('11010519490231002')}`)).toBe(false) // 2月31日
  expect(isValidIdNumber('11010519491231002x')).toBe(false)
  expect(isValidIdNumber('1101051949123100')).toBe(false)
})

test('changing any one digit breaks the check (MOD 11-2 catches single errors)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
    const base = '44010619850315123'
    const valid = base + checkDigit(base)
    const digits = valid.split('')
    digits[pos] = String((Number(digits[pos]) + delta) % 10)
    const changed = digits.join('')
    return checkDigit(changed.slice(0, 17)) !== valid[17]
  }))
})
