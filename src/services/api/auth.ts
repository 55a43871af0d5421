// Typed calls for login, SMS codes and logout (contract: types/api/auth.ts).
import type { LoginResult, Platform, SmsCodeSent } from '../../../types/api/auth'
import type { HttpClient } from '../http'

export interface AuthApi {
  requestSmsCode (phone: string): Promise<SmsCodeSent>
  loginWithSms (phone: string, code: string): Promise<LoginResult>
  loginWithPlatform (platform: Platform, code: string): Promise<LoginResult>
  logout (): Promise<void>
}

const anonymous = { anonymous: true }

export function createAuthApi (http: HttpClient): AuthApi {
  return {
    requestSmsCode: (phone) => http.post<SmsCodeSent>('/api/v1/auth/sms-codes', { phone, purpose: 'login' }, anonymous),
    loginWithSms: (phone, code) => http.post<LoginResult>('/api/v1/auth/login/sms', { phone, code }, anonymous),
    loginWithPlatform: (platform, code) => http.post<LoginResult>('/api/v1/auth/login/platform', { platform, code }, anonymous),
    // An empty JSON object, not no body: wx.request sends Content-Type: application/json regardless, and an
    // empty body with that type is a 400 on Fastify.
    logout: () => http.post<void>('/api/v1/auth/logout', {}),
  }
}
