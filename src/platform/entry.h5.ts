// H5: the current entry is the address the browser opened (the hash route and its query). It is read once: a later
// App show (the tab shown again) is the same visit, and the address by then is whatever page the person moved to.
import { parseH5Location, type EnterOptions, type Entry } from './entry-parse'

let opened: Entry | null = null

/** The options Taro passes are its own copy of the launch route; the address itself is read instead. */
export function readEntry (_options?: EnterOptions | null): Entry {
  opened ??= parseH5Location(typeof window === 'undefined' ? {} : window.location)
  return opened
}

export function whenRoutable (go: () => void): void {
  go()
}
