// Alipay: the current entry, from the App's launch or show options (or my.getEnterOptionsSync). A scanned plain QR
// code's URL is `query.qrCode` there and only there (never in the page's own query). Alipay asks apps not to
// navigate inside onShow itself: routing waits for the next tick.
import { parseEnterOptions, type EnterOptions, type Entry } from './entry-parse'

export function readEntry (options?: EnterOptions | null): Entry {
  let o: EnterOptions | null | undefined = options
  if (!o || (o.path == null && o.scene == null && o.query == null)) {
    try {
      o = typeof my.getEnterOptionsSync === 'function' ? my.getEnterOptionsSync() : null
    } catch {
      o = null
    }
  }
  return parseEnterOptions(o, 'alipay')
}

export function whenRoutable (go: () => void): void {
  setTimeout(go, 0)
}
