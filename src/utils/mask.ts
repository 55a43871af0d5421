// Masking of what the person typed before it is shown back (the server masks everything else).

/** `13812345678` → `138****5678`; anything that is not an 11-digit phone is masked whole. */
export function maskPhone (phone: string): string {
  const digits = phone.replace(/\s+/g, '')
  if (!/^\d{11}$/.test(digits)) return '*'.repeat(Math.max(digits.length, 4))
  return `${digits.slice(0, 3)}****${digits.slice(7)}`
}
