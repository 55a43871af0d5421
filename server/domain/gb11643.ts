// GB 11643-1999 citizen ID numbers: the ISO 7064 MOD 11-2 check digit, and a structural check.

const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const checkChars = '10X98765432'

/** The check character for the first 17 digits. */
export function checkDigit (first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new Error('need 17 digits')
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!
  return checkChars[sum % 11]!
}

/** True when the number has 18 characters, a plausible birth date and a correct check digit. */
export function isValidIdNumber (id: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return false
  const y = Number(id.slice(6, 10)); const m = Number(id.slice(10, 12)); const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  return checkDigit(id.slice(0, 17)) === id[17]
}
