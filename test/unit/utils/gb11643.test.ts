// The client's ID-number check agrees with the server's (the authority) on every 18-character input.
import fc from 'fast-check'
import { idCheckDigit, isValidIdNumber } from '../../../src/utils/gb11643'
import * as server from '../../../server/domain/gb11643'

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: n, maxLength: n }).map((a) => a.join(''))

describe('gb11643 (client copy)', () => {
  it('accepts a demo person and refuses a changed check digit', () => {
    expect(isValidIdNumber('319901198803140174')).toBe(true)
    expect(isValidIdNumber('11990119580621035X')).toBe(true)
    expect(isValidIdNumber('319901198803140175')).toBe(false)
    expect(isValidIdNumber('11990119580621035x')).toBe(false) // callers upper-case first
    expect(isValidIdNumber('319901198802300174')).toBe(false) // 30 February
  })

  it('matches server/domain/gb11643 for any input', () => {
    fc.assert(fc.property(digits(17), fc.constantFrom(...'0123456789X'), (first, last) => {
      expect(idCheckDigit(first)).toBe(server.checkDigit(first))
      expect(isValidIdNumber(first + last)).toBe(server.isValidIdNumber(first + last))
    }), { numRuns: 500 })
    // Mostly-valid numbers too (random 17 digits rarely make a real birth date).
    fc.assert(fc.property(digits(6), fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), digits(3), (area, birth, seq) => {
      const first = area + birth.toISOString().slice(0, 10).replace(/-/g, '') + seq
      const id = first + server.checkDigit(first)
      expect(isValidIdNumber(id)).toBe(server.isValidIdNumber(id))
    }), { numRuns: 300 })
  })
})
