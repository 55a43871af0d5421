// Masking rules for personal data leaving the server (DESIGN §8): ID 3+4, phone 3+4, name first char, card last 4.

export function maskIdNumber (id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

export function maskPhone (phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

export function maskName (name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(chars.length - 1)
}

export function maskBankCard (card: string): string {
  return `**** ${card.slice(-4)}`
}
