// The digits to dial from a number as printed ("021-5403 0000" → "02154030000"), shared by the phone variants.
export function dialable (phone: string): string {
  return phone.replace(/[^\d+]/g, '')
}
