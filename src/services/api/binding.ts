// Typed calls for real-name binding of a platform login: name + ID number, then a face check or an SMS code
// to the phone on file (contract: types/api/binding.ts).
import type { SmsCodeSent } from '../../../types/api/auth'
import type { BindingDone, BindingFaceResult, BindingSmsBody, BindingStartBody, BindingState } from '../../../types/api/binding'
import type { FaceStart } from '../../../types/api/verification'
import type { HttpClient } from '../http'

export interface BindingApi {
  start (name: string, idNumber: string): Promise<BindingState>
  current (): Promise<BindingState>
  requestSmsCode (): Promise<SmsCodeSent>
  proveBySms (code: string): Promise<BindingDone>
  startFace (): Promise<FaceStart>
  faceResult (checkId: number): Promise<BindingFaceResult>
}

export function createBindingApi (http: HttpClient): BindingApi {
  return {
    start: (name, idNumber) => {
      const body: BindingStartBody = { name, idNumber }
      return http.post<BindingState>('/api/v1/binding', body)
    },
    current: () => http.get<BindingState>('/api/v1/binding'),
    requestSmsCode: () => http.post<SmsCodeSent>('/api/v1/binding/sms-codes', {}),
    proveBySms: (code) => {
      const body: BindingSmsBody = { code }
      return http.post<BindingDone>('/api/v1/binding/sms', body)
    },
    startFace: () => http.post<FaceStart>('/api/v1/binding/face', {}),
    faceResult: (checkId) => http.post<BindingFaceResult>(`/api/v1/binding/face/${checkId}/result`, {}),
  }
}
