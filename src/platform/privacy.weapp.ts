// The platform's privacy-authorization prompt in WeChat: wx.onNeedPrivacyAuthorization (base library ≥ 2.32.3)
// holds a privacy API call until the app's own dialog answers; its agree button carries
// open-type="agreePrivacyAuthorization" and resolve() names that button's id, which WeChat checks was tapped.
import Taro from '@tarojs/taro'
import type { PrivacyAuthorizationRequest } from './privacy'

export type { PrivacyAnswer, PrivacyAuthorizationRequest } from './privacy'

export const privacyAgreeOpenType: 'agreePrivacyAuthorization' | null = 'agreePrivacyAuthorization'

export function onNeedPrivacyAuthorization (listener: (request: PrivacyAuthorizationRequest) => void): void {
  // Taro passes wx.onNeedPrivacyAuthorization through unchanged, and defines it only when this base library has it
  // (older ones never ask, and show WeChat's own prompt instead).
  if (typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  Taro.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    listener({ referrer: eventInfo?.referrer ?? '', resolve: (answer) => resolve(answer) })
  })
}
