// WeChat: getAppBaseInfo().fontSizeSetting (px; base library 2.23.4 and later), which its 关怀模式 and the phone's
// large-text setting raise. Older base libraries have no getAppBaseInfo: then nothing is known.
import Taro from '@tarojs/taro'

export function platformFontSize (): number | null {
  try {
    const size = (Taro.getAppBaseInfo?.() as { fontSizeSetting?: unknown } | undefined)?.fontSizeSetting
    return typeof size === 'number' && size > 0 ? size : null
  } catch {
    return null
  }
}
