// Masking rules for personal data leaving the server (docs/domain.md): ID 3+4, phone 3+4 (last 4 before binding's proof),
// name first char, card last 4.

export function maskIdNumber (id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length)
  return id.slice(0, 3) + '*'.repeat(id.length - 7) + id.slice(-4)
}

export function maskPhone (phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length)
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4)
}

/** Only the last 4 digits (*******5678): what binding shows before any proof, when name + ID number are all it has. */
export function maskPhoneTail (phone: string): string {
  return '*'.repeat(Math.max(0, phone.length - 4)) + phone.slice(-4)
}

export function maskName (name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(chars.length - 1)
}

export function maskBankCard (card: string): string {
  return `**** ${card.slice(-4)}`
}

// The same kinds of numbers inside free text (log lines, the bureau's notes a family member reads). Each pattern is
// the one home of its rule: the logger masks what it finds (maskNumbersInText), the family view removes it
// (server/domain/family-text.ts). Global regexps: use them with String.replace only, which resets lastIndex.

/** A mainland mobile number, maybe with +86 and spaces or hyphens (138 1234 5678, +86-138-1234-5678). */
export const PHONE_IN_TEXT = /(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])/g
/** An 18-character ID number (GB 11643; the last may be X), not part of a longer word or number. */
export const ID_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g
/**
 * A bank card or any other long number: 12 or more digits in a run, or in groups of four (6222 0212 3456 7890).
 * Dates (2026-11-24) and times never have that many digits together.
 */
export const LONG_NUMBER_IN_TEXT = /(?<![0-9])(?:[0-9]{12,}|[0-9]{4}(?:[ -][0-9]{4}){2,}(?:[ -][0-9]{1,4})?)(?![0-9])/g

/** Phones and ID numbers anywhere in a string, masked as maskPhone and maskIdNumber mask them (138****5678). */
export function maskNumbersInText (text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (id) => maskIdNumber(id))
    .replace(PHONE_IN_TEXT, (phone) => maskPhone(phone.replace(/[^0-9]/g, '').slice(-11)))
}
