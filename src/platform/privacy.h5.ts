// The platform's privacy-authorization prompt on H5: a browser has none; the app's own dialog is all there is.
import type { PrivacyAuthorizationRequest } from './privacy'

export type { PrivacyAnswer, PrivacyAuthorizationRequest } from './privacy'

export const privacyAgreeOpenType: 'agreePrivacyAuthorization' | null = null

export function onNeedPrivacyAuthorization (_listener: (request: PrivacyAuthorizationRequest) => void): void {
  // no platform prompt in a browser
}
