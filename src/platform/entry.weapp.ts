// WeChat: the current entry, from the App's launch or show options (or wx.getEnterOptionsSync, never the launch
// options, which are stale after a warm start), and when the app may route on it.
import Taro from '@tarojs/taro'
import { parseEnterOptions, type EnterOptions, type Entry } from './entry-parse'

export function readEntry (options?: EnterOptions | null): Entry {
  let o: EnterOptions | null | undefined = options
  if (!o || (o.path == null && o.scene == null)) {
    try {
      o = Taro.getEnterOptionsSync() as EnterOptions
    } catch {
      o = null
    }
  }
  return parseEnterOptions(o, 'weapp')
}

/** WeChat lets the App navigate from its launch and show handlers. */
export function whenRoutable (go: () => void): void {
  go()
}
