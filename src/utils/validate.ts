// Input checks made before any request, each answering with the Chinese sentence to show (null = fine).
// The server checks again and stays the authority; these only spare the person a round trip, so their
// words are the server's own (server/domain/messages.ts, server/domain/passwords.ts).
import { isValidIdNumber } from './gb11643'

export function phoneError (phone: string): string | null {
  const value = phone.trim()
  if (!value) return '请输入手机号'
  if (!/^1[3-9]\d{9}$/.test(value)) return '请输入正确的 11 位手机号'
  return null
}

export function smsCodeError (code: string): string | null {
  const value = code.trim()
  if (!value) return '请输入短信验证码'
  if (!/^\d{6}$/.test(value)) return '请输入 6 位数字验证码'
  return null
}

/** Trimmed, spaces dropped, a lower-case x made upper-case: how an ID number is sent and checked. */
export function normalizeIdNumber (raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase()
}

export function idNumberError (raw: string): string | null {
  const value = normalizeIdNumber(raw)
  if (!value) return '请输入身份证号'
  if (!isValidIdNumber(value)) return '身份证号不正确，请核对后重新输入（最后一位可能是 X）'
  return null
}

/** The name as on the ID card: Chinese characters (a middle dot in some names), or Latin letters for some. */
export function realNameError (raw: string): string | null {
  const value = raw.trim()
  if (!value) return '请输入身份证上的姓名'
  if (value.length < 2 || value.length > 30 || !/^[\u3400-\u9fff·•．.A-Za-z ]+$/.test(value)) return '请输入身份证上的姓名（汉字，少数民族姓名中间的点也要输入）'
  return null
}

/** What the person typed into the one 证件号 field of the password login. */
export type LoginIdentifier = { idNumber: string } | { cardNumber: string }

/** Decided by shape: 18 characters of digits with a last X is an ID number; anything else a card number. */
export function parseLoginIdentifier (raw: string): LoginIdentifier {
  const value = raw.replace(/\s+/g, '')
  if (/^[0-9]{17}[0-9Xx]$/.test(value)) return { idNumber: value.toUpperCase() }
  return { cardNumber: value }
}

export function loginIdentifierError (raw: string): string | null {
  if (!raw.trim()) return '请输入身份证号或医保卡号'
  const identifier = parseLoginIdentifier(raw)
  if ('idNumber' in identifier) return idNumberError(identifier.idNumber)
  if (!/^[A-Za-z0-9-]{4,32}$/.test(identifier.cardNumber)) return '医保卡号只含字母、数字和短横线，请对照卡面核对后重新输入'
  return null
}

export function queryPasswordError (password: string): string | null {
  if (!password) return '请输入查询密码'
  if (!/^[0-9]{6}$/.test(password)) return '查询密码应为 6 位数字'
  return null
}

/** The rules for a new query password, in the words the reset page shows before the person starts typing. */
export const NEW_PASSWORD_RULES = [
  '6 位数字',
  '不能是 6 个相同的数字，例如 111111',
  '不能是 123456、654321 这样的连续数字',
  '不能使用身份证号中的出生日期或末尾 6 位',
]

/** Why a new query password is not acceptable (the server's own rule and words); null when it is fine. */
export function newPasswordError (password: string, idNumber?: string): string | null {
  if (!password) return '请设置新的查询密码'
  if (!/^[0-9]{6}$/.test(password)) return '查询密码应为 6 位数字'
  if (/^(\d)\1{5}$/.test(password)) return '查询密码不能是 6 个相同的数字'
  const digits = [...password].map(Number)
  const steps = digits.slice(1).map((d, i) => (d - digits[i]! + 10) % 10)
  if (steps.every((s) => s === 1) || steps.every((s) => s === 9)) return '查询密码不能是 123456、654321 这样的连续数字'
  const id = idNumber ? normalizeIdNumber(idNumber) : ''
  if (id.length === 18 && (id.slice(8, 14) === password || id.slice(-6) === password)) {
    return '查询密码不能使用身份证号中的出生日期或末尾 6 位'
  }
  return null
}

export function confirmPasswordError (password: string, confirm: string): string | null {
  if (!confirm) return '请再输入一次新的查询密码'
  if (password !== confirm) return '两次输入的查询密码不一致，请重新输入'
  return null
}

/** Keeps digits only, for fields that take nothing else (codes, query passwords). */
export function digitsOnly (value: string): string {
  return value.replace(/\D+/g, '')
}
