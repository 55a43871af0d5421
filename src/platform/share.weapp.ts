// Handing a family share over in WeChat: a chat card (the page's onShareAppMessage gives its title, path and picture),
// marked as a private message with the activity id the server made for this sharer
// (wx.updateShareMenu({ withShareTicket, isPrivateMessage, activityId }), base library ≥ 2.13.0), so the card cannot be
// forwarded; where that fails the plain card goes. The family view asks to be hidden from screen recordings
// (wx.setVisualEffectOnCapture, Android, base library ≥ 2.20.0).
import { hideFromCapture } from './capture.weapp'
import type { ShareCapability } from './share'

type WxCallbacks = { success?: () => void, fail?: (err: WxFailure) => void }

declare global {
  interface WxGlobal {
    updateShareMenu?: (options: { withShareTicket?: boolean, isPrivateMessage?: boolean, activityId?: string } & WxCallbacks) => void
  }
}

const wxApi = (): WxGlobal | undefined => (typeof wx === 'undefined' ? undefined : wx)

export const share: ShareCapability = {
  way: 'card',
  prepareCard: (activityId) => new Promise<boolean>((resolve) => {
    const update = wxApi()?.updateShareMenu
    if (typeof update !== 'function') {
      resolve(false)
      return
    }
    // No id for this grant: undo a private mark left by the previous grant, so this one goes as the plain card.
    const options = activityId
      ? { withShareTicket: true, isPrivateMessage: true, activityId }
      : { withShareTicket: false, isPrivateMessage: false }
    try {
      update({ ...options, success: () => resolve(!!activityId), fail: () => resolve(false) })
    } catch {
      resolve(false)
    }
  }),
  openPanel: async () => false,
  webLink: () => null,
  copy: async () => false,
  qrCode: async () => null,
  hideFromCapture,
}
