// The platform's own privacy-authorization prompt, default variant (tsc and jest): none. Bundles use
// privacy.<TARO_ENV>.ts; only WeChat asks (wx.onNeedPrivacyAuthorization), Alipay and H5 have no such callback.

/** How the person answered, told back to the platform (WeChat's resolve() options). */
export type PrivacyAnswer =
  | { event: 'exposureAuthorization' }
  | { event: 'agree', buttonId: string }
  | { event: 'disagree' }

/** The platform holds a privacy API call until the person answers in the app's own dialog. */
export interface PrivacyAuthorizationRequest {
  /** The API or component that asked (e.g. 'getLocation'), for diagnosis only. */
  referrer: string
  resolve (answer: PrivacyAnswer): void
}

/**
 * The open-type the privacy dialog's agree button carries, so that the platform itself counts the tap as the
 * person's agreement (WeChat checks the button was tapped before it lets a held call go on); null where none.
 */
export const privacyAgreeOpenType: 'agreePrivacyAuthorization' | null = null

/** Calls `listener` whenever the platform needs the person's privacy agreement. Register once, at launch. */
export function onNeedPrivacyAuthorization (_listener: (request: PrivacyAuthorizationRequest) => void): void {
  // no platform prompt here
}
