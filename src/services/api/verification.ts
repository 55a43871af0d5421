// Typed calls for step-up verification: the methods open to this session, an SMS code to the phone on file,
// and the SMS-code and query-password checks (contract: types/api/verification.ts).
import type { SmsCodeSent } from '../../../types/api/auth'
import type { Verified, VerificationMethods, VerifyPasswordBody, VerifySmsBody } from '../../../types/api/verification'
import type { HttpClient } from '../http'

export interface VerificationApi {
  getMethods (): Promise<VerificationMethods>
  requestSmsCode (): Promise<SmsCodeSent>
  verifySms (code: string): Promise<Verified>
  verifyPassword (password: string): Promise<Verified>
}

export function createVerificationApi (http: HttpClient): VerificationApi {
  return {
    getMethods: () => http.get<VerificationMethods>('/api/v1/verifications/methods'),
    // An empty JSON object, not no body: wx.request sends Content-Type: application/json regardless.
    requestSmsCode: () => http.post<SmsCodeSent>('/api/v1/verifications/sms-codes', {}),
    verifySms: (code) => {
      const body: VerifySmsBody = { code }
      return http.post<Verified>('/api/v1/verifications/sms', body)
    },
    verifyPassword: (password) => {
      const body: VerifyPasswordBody = { password }
      return http.post<Verified>('/api/v1/verifications/password', body)
    },
  }
}
