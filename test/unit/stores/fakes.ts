// Fakes for store tests: an api whose answers each test sets, and a platform adapter with memory storage.
import type { AccountSummary } from '../../../types/api/account'
import type { LoginResult } from '../../../types/api/auth'
import type { Api } from '../../../src/services/api/create-api'
import type { PlatformAdapter, PlatformLoginCode } from '../../../src/platform/types'

export const loginResult: LoginResult = {
  token: 'tok-abc', expiresAt: '2099-01-01T00:00:00Z', bound: true, verifiedUntil: '2099-01-01T00:15:00Z',
}

/** A made-up ID number with a correct GB 11643 check digit (born 1988-03-14). */
export const validIdNumber = '110105198803140015'

export const employeeSummary: AccountSummary = {
  maskedName: '张*', insuranceType: 'employee', insuranceTypeName: '职工医保（在职）',
  region: { code: '110105', name: '北京市朝阳区' }, hasPersonalAccount: true, balanceFen: 123456,
  asOf: '2026-01-15T12:00:00+08:00',
}

export function fakeApi () {
  return {
    auth: {
      requestSmsCode: jest.fn(async () => ({ message: '如果该手机号已登记，验证码将发送到该手机', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      loginWithSms: jest.fn(async () => loginResult),
      loginWithPlatform: jest.fn(async () => loginResult),
      loginWithPassword: jest.fn(async () => loginResult),
      requestPasswordResetCode: jest.fn(async () => ({ message: '如果该身份证号已登记，验证码将发送到登记的手机号', expiresInSeconds: 300, resendAfterSeconds: 60 })),
      resetPassword: jest.fn(async () => ({ message: '查询密码已重新设置，请用新密码登录' })),
      logout: jest.fn(async () => undefined),
    },
    account: {
      getSummary: jest.fn(async () => employeeSummary),
    },
  } satisfies Api
}

export function fakePlatform (code: PlatformLoginCode | null = { platform: 'wechat', code: 'wx-demo-1' }) {
  const memory = new Map<string, string>()
  const platform: PlatformAdapter = {
    loginPlatform: code?.platform ?? null,
    getPlatformLoginCode: jest.fn(async () => code),
    storage: {
      get: jest.fn(async (key: string) => memory.get(key) ?? null),
      set: jest.fn(async (key: string, value: string) => { memory.set(key, value) }),
      remove: jest.fn(async (key: string) => { memory.delete(key) }),
    },
  }
  return { platform, memory }
}
