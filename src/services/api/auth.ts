// Typed calls for login (platform, SMS, query password), SMS codes, the password reset and logout
// (contract: types/api/auth.ts).
import type {
  LoginResult, PasswordLoginBody, PasswordResetBody, PasswordResetCodeBody, PasswordResetDone, Platform, SmsCodeSent,
} from '../../../types/api/auth'
import type { HttpClient } from '../http'

/** Exactly one identifier goes with a query password: the ID number or the insurance card number. */
export type PasswordIdentifier = { idNumber: string } | { cardNumber: string }

export interface AuthApi {
  requestSmsCode (phone: string): Promise<SmsCodeSent>
  loginWithSms (phone: string, code: string): Promise<LoginResult>
  loginWithPlatform (platform: Platform, code: string): Promise<LoginResult>
  loginWithPassword (identifier: PasswordIdentifier, password: string): Promise<LoginResult>
  /** Sends a code to the phone on file for this ID number (the answer is the same whether or not one is on file). */
  requestPasswordResetCode (idNumber: string): Promise<SmsCodeSent>
  resetPassword (idNumber: string, code: string, newPassword: string): Promise<PasswordResetDone>
  logout (): Promise<void>
}

// Every call before a session exists, and the reset (which ends the person's sessions), carries no old token.
const anonymous = { anonymous: true }

export function createAuthApi (http: HttpClient): AuthApi {
  return {
    requestSmsCode: (phone) => http.post<SmsCodeSent>('/api/v1/auth/sms-codes', { phone, purpose: 'login' }, anonymous),
    loginWithSms: (phone, code) => http.post<LoginResult>('/api/v1/auth/login/sms', { phone, code }, anonymous),
    loginWithPlatform: (platform, code) => http.post<LoginResult>('/api/v1/auth/login/platform', { platform, code }, anonymous),
    loginWithPassword: (identifier, password) => {
      // Only the one identifier given: the server refuses a body that names both.
      const body: PasswordLoginBody = 'idNumber' in identifier
        ? { idNumber: identifier.idNumber, password }
        : { cardNumber: identifier.cardNumber, password }
      return http.post<LoginResult>('/api/v1/auth/login/password', body, anonymous)
    },
    requestPasswordResetCode: (idNumber) => {
      const body: PasswordResetCodeBody = { idNumber }
      return http.post<SmsCodeSent>('/api/v1/auth/password-reset/sms-codes', body, anonymous)
    },
    resetPassword: (idNumber, code, newPassword) => {
      const body: PasswordResetBody = { idNumber, code, newPassword }
      return http.post<PasswordResetDone>('/api/v1/auth/password-reset', body, anonymous)
    },
    // An empty JSON object, not no body: wx.request sends Content-Type: application/json regardless, and an
    // empty body with that type is a 400 on Fastify.
    logout: () => http.post<void>('/api/v1/auth/logout', {}),
  }
}
