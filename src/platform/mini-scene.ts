// The launch scene of a mini-program (WeChat: 1011 scanned QR code, 1047 mini-program code, 1007 share card, …;
// Alipay through Taro's mapping of my.getLaunchOptionsSync), or null when the platform gives none.
import Taro from '@tarojs/taro'

export function miniEntryScene (): string | null {
  try {
    const scene = Taro.getLaunchOptionsSync().scene
    return scene == null ? null : String(scene)
  } catch {
    return null
  }
}
