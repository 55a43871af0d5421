// The platform's privacy-authorization prompt in Alipay: it has no callback like WeChat's (Alipay shows its own
// authorization sheets for each capability), so the app's own first-run dialog is all there is.
import type { PrivacyAuthorizationRequest } from './privacy'

export type { PrivacyAnswer, PrivacyAuthorizationRequest } from './privacy'

export const privacyAgreeOpenType: 'agreePrivacyAuthorization' | null = null

export function onNeedPrivacyAuthorization (_listener: (request: PrivacyAuthorizationRequest) => void): void {
  // no platform prompt in Alipay
}
