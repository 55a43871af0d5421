// WeChat: the launch scene number (1011 scanned QR code, 1047 mini-program code, 1007 share card, …).
import Taro from '@tarojs/taro'
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'weapp'

export function entryScene (): string | null {
  try {
    const scene = Taro.getLaunchOptionsSync().scene
    return scene == null ? null : String(scene)
  } catch {
    return null
  }
}
