// Phone and SMS-code checks: Chinese sentences before any request.
import { phoneError, smsCodeError } from '../../../src/utils/validate'

describe('phoneError', () => {
  it('accepts a mainland mobile number', () => {
    expect(phoneError('13812345678')).toBeNull()
    expect(phoneError(' 19912345678 ')).toBeNull()
  })

  it('asks for a number when empty and a correct one otherwise', () => {
    expect(phoneError('')).toBe('请输入手机号')
    expect(phoneError('12812345678')).toBe('请输入正确的 11 位手机号')
    expect(phoneError('1381234567')).toBe('请输入正确的 11 位手机号')
  })
})

describe('smsCodeError', () => {
  it('wants exactly six digits', () => {
    expect(smsCodeError('123456')).toBeNull()
    expect(smsCodeError('')).toBe('请输入短信验证码')
    expect(smsCodeError('12345')).toBe('请输入 6 位数字验证码')
    expect(smsCodeError('12345a')).toBe('请输入 6 位数字验证码')
  })
})
