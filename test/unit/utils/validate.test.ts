// Input checks: Chinese sentences before any request, in the server's own words.
import {
  confirmPasswordError, digitsOnly, idNumberError, loginIdentifierError, newPasswordError, parseLoginIdentifier,
  phoneError, queryPasswordError, smsCodeError,
} from '../../../src/utils/validate'

const ID = '319901198803140174' // demo person 1: born 1988-03-14, ends 140174

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

describe('idNumberError', () => {
  it('accepts a correct number, with a lower-case x and spaces too', () => {
    expect(idNumberError(ID)).toBeNull()
    expect(idNumberError(' 11990119580621035x ')).toBeNull()
  })

  it('names the check digit kindly, as the server does', () => {
    expect(idNumberError('')).toBe('请输入身份证号')
    expect(idNumberError('319901198803140175')).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    expect(idNumberError('31990119880314')).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
  })
})

describe('the password login identifier', () => {
  it('is an ID number when it has the shape of one, else a card number', () => {
    expect(parseLoginIdentifier(` ${ID} `)).toEqual({ idNumber: ID })
    expect(parseLoginIdentifier('11990119580621035x')).toEqual({ idNumber: '11990119580621035X' })
    expect(parseLoginIdentifier('DM31010001')).toEqual({ cardNumber: 'DM31010001' })
    expect(parseLoginIdentifier('1234567890')).toEqual({ cardNumber: '1234567890' })
  })

  it('is checked by what it is', () => {
    expect(loginIdentifierError(ID)).toBeNull()
    expect(loginIdentifierError('DM31010001')).toBeNull()
    expect(loginIdentifierError('  ')).toBe('请输入身份证号或医保卡号')
    expect(loginIdentifierError('319901198803140175')).toBe('身份证号不正确，请核对后重新输入（最后一位可能是 X）')
    expect(loginIdentifierError('DM 3101/0001')).toBe('医保卡号只含字母、数字和短横线，请对照卡面核对后重新输入')
    expect(loginIdentifierError('DM1')).toBe('医保卡号只含字母、数字和短横线，请对照卡面核对后重新输入')
  })
})

describe('queryPasswordError', () => {
  it('wants six digits', () => {
    expect(queryPasswordError('135246')).toBeNull()
    expect(queryPasswordError('')).toBe('请输入查询密码')
    expect(queryPasswordError('13524')).toBe('查询密码应为 6 位数字')
  })
})

describe('newPasswordError (the server\'s rules and words)', () => {
  it('accepts an ordinary six-digit password', () => {
    expect(newPasswordError('802413', ID)).toBeNull()
    expect(newPasswordError('135246')).toBeNull()
  })

  it('names each rule', () => {
    expect(newPasswordError('')).toBe('请设置新的查询密码')
    expect(newPasswordError('12345')).toBe('查询密码应为 6 位数字')
    expect(newPasswordError('888888')).toBe('查询密码不能是 6 个相同的数字')
    for (const p of ['123456', '654321', '789012', '210987']) {
      expect(newPasswordError(p)).toBe('查询密码不能是 123456、654321 这样的连续数字')
    }
    expect(newPasswordError('880314', ID)).toBe('查询密码不能使用身份证号中的出生日期或末尾 6 位')
    expect(newPasswordError('140174', ID)).toBe('查询密码不能使用身份证号中的出生日期或末尾 6 位')
    expect(newPasswordError('140174')).toBeNull() // without the ID number there is nothing to compare
  })
})

describe('confirmPasswordError', () => {
  it('wants the same password twice', () => {
    expect(confirmPasswordError('802413', '802413')).toBeNull()
    expect(confirmPasswordError('802413', '')).toBe('请再输入一次新的查询密码')
    expect(confirmPasswordError('802413', '802414')).toBe('两次输入的查询密码不一致，请重新输入')
  })
})

it('digitsOnly drops everything else', () => {
  expect(digitsOnly('1a2 3-4５6')).toBe('12346')
})
