// Typed calls for step-up verification: the methods open to this session, an SMS code to the phone on file,
// the SMS-code and query-password checks, the face check the server starts and decides, and
// the biometric unlock (SOTER) it checks with WeChat (contract: types/api/verification.ts).
import type { SmsCodeSent } from '../../../types/api/auth'
import type {
  FaceResult, FaceStart, Verified, VerificationMethods, VerifyPasswordBody, VerifySmsBody,
} from '../../../types/api/verification'
import type { SoterChallenge, SoterVerifyBody } from '../../../types/api/soter'
import type { HttpClient } from '../http'

export interface VerificationApi {
  getMethods (): Promise<VerificationMethods>
  requestSmsCode (): Promise<SmsCodeSent>
  verifySms (code: string): Promise<Verified>
  verifyPassword (password: string): Promise<Verified>
  /** The server starts a face check with the platform and says how the client opens it. */
  startFace (): Promise<FaceStart>
  /** The server asks the platform how the check went; only its answer counts. */
  faceResult (checkId: number): Promise<FaceResult>
  /** A one-use challenge for the phone's biometric unlock (SOTER). */
  soterChallenge (): Promise<SoterChallenge>
  /** The signed result, unchanged; the server asks WeChat whether the device key signed it. */
  verifySoter (result: SoterVerifyBody): Promise<Verified>
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
    startFace: () => http.post<FaceStart>('/api/v1/verifications/face', {}),
    faceResult: (checkId) => http.post<FaceResult>(`/api/v1/verifications/face/${checkId}/result`, {}),
    soterChallenge: () => http.post<SoterChallenge>('/api/v1/verifications/soter/challenges', {}),
    verifySoter: (result) => http.post<Verified>('/api/v1/verifications/soter', result),
  }
}
