// WeChat: wx.setVisualEffectOnCapture({ visualEffect: 'hidden' }) blanks the page in a screen recording (Android,
// base library ≥ 2.20.0; screenshots are not affected); 'none' undoes it. Elsewhere it is silently absent.
type WxCallbacks = { success?: () => void, fail?: (err: WxFailure) => void }

declare global {
  interface WxGlobal {
    setVisualEffectOnCapture?: (options: { visualEffect: 'none' | 'hidden' } & WxCallbacks) => void
  }
}

export function hideFromCapture (): () => void {
  const set = typeof wx === 'undefined' ? undefined : wx.setVisualEffectOnCapture
  if (typeof set !== 'function') return () => undefined
  const apply = (visualEffect: 'none' | 'hidden') => {
    try {
      set({ visualEffect, fail: () => undefined })
    } catch {
      // iOS and older base libraries: nothing to hide with
    }
  }
  apply('hidden')
  return () => apply('none')
}
