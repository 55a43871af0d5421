// Input checks made before any request, each answering with the Chinese sentence to show (null = fine).
// The server checks again and stays the authority; these only spare the person a round trip.

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
