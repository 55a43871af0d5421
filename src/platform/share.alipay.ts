// Handing a family share over in Alipay: my.showSharePanel() opens the share panel from a button, and the page's
// onShareAppMessage fills it (title, path with the token, picture). Alipay has no private-message card.
import type { ShareCapability } from './share'

type SharePanelApi = { showSharePanel?: () => void }

export const share: ShareCapability = {
  way: 'panel',
  prepareCard: async () => false,
  openPanel: async () => {
    const open = typeof my === 'undefined' ? undefined : (my as unknown as SharePanelApi).showSharePanel
    if (typeof open !== 'function') return false
    try {
      open()
      return true
    } catch {
      return false
    }
  },
  webLink: () => null,
  copy: async () => false,
  qrCode: async () => null,
  hideFromCapture: () => () => undefined,
}
