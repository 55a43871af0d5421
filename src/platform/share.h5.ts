// Handing a family share over in a browser: the link (the token after `#`, so it never reaches a server log or a
// Referer), put on the clipboard (navigator.clipboard, else a selected text area and execCommand('copy')) and drawn
// as a QR code for a relative standing beside the owner. The QR library is loaded only when a code is drawn, so
// neither the main bundle nor the family view carries it.
import type { ShareCapability } from './share'
import { shareViewUrl } from '../routes'

function copyBySelection (text: string): boolean {
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  try {
    area.select()
    return document.execCommand('copy')
  } catch {
    return false
  } finally {
    area.remove()
  }
}

export const share: ShareCapability = {
  way: 'link',
  prepareCard: async () => false,
  openPanel: async () => false,
  webLink: (token) => `${window.location.origin}/#${shareViewUrl(encodeURIComponent(token))}`,
  copy: async (text) => {
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text)
        return true
      }
    } catch {
      // refused (no permission, not a secure context): try the older way
    }
    return copyBySelection(text)
  },
  qrCode: async (text) => {
    try {
      const { toString } = await import('qrcode')
      const svg = await toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#1a1f24', light: '#ffffff' } })
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
    } catch {
      return null
    }
  },
  hideFromCapture: () => () => undefined,
}
