// Alipay: the launch scene as the platform reports it (Taro maps getLaunchOptionsSync onto my's).
import Taro from '@tarojs/taro'
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'alipay'

export function entryScene (): string | null {
  try {
    const scene = Taro.getLaunchOptionsSync().scene
    return scene == null ? null : String(scene)
  } catch {
    return null
  }
}
