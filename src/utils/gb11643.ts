// GB 11643-1999 citizen ID numbers on the client: the ISO 7064 MOD 11-2 check digit and a plausible birth date.
// The same rule as server/domain/gb11643.ts (the authority; a unit test keeps the two in step): the server
// may not import client code, so this copy exists only to catch a typing slip before any request.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** The check character for the first 17 digits. */
export function idCheckDigit (first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error('need 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** True when the number has 18 characters, a plausible birth date and a correct check digit (upper-case X). */
export function isValidIdNumber (id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false
  const y = Number(id.slice(6, 10)); const m = Number(id.slice(10, 12)); const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return idCheckDigit(id.slice(0, 17)) === id[17]
}
