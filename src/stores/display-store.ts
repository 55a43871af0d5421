// 长辈模式 (large type, roomier taps): on by itself when the platform reports a large text size, and on or off by
// the person's own choice from 首页, which is remembered on the device and then wins over the platform's size.
import { makeAutoObservable, runInAction } from 'mobx'
import type { SecureStorage } from '../platform/types'

/** From this platform text size (CSS px) up, 长辈模式 starts on: WeChat's 关怀模式 is about 23.8, a standard iOS 17. */
export const LARGE_FONT_PX = 22
const KEY = 'display.elder'

export class DisplayStore {
  elder: boolean
  /** The person switched it by hand (then the platform's size no longer decides). */
  chosen = false
  private restored = false

  constructor (private readonly preferences: SecureStorage, fontSize: () => number | null) {
    const size = fontSize()
    this.elder = size !== null && size >= LARGE_FONT_PX
    makeAutoObservable<DisplayStore, 'preferences' | 'restored'>(this, { preferences: false, restored: false })
  }

  /** Reads the remembered choice back (once): the platform's size was applied already, so the first frame is right. */
  async restore (): Promise<void> {
    if (this.restored) return
    this.restored = true
    const saved = await this.preferences.get(KEY)
    if (saved !== 'on' && saved !== 'off') return
    runInAction(() => {
      this.elder = saved === 'on'
      this.chosen = true
    })
  }

  async setElder (on: boolean): Promise<void> {
    this.elder = on
    this.chosen = true
    await this.preferences.set(KEY, on ? 'on' : 'off')
  }
}
