// Alipay: getSystemInfoSync().fontSizeSetting (px), which follows the app's text-size setting.
import Taro from '@tarojs/taro'

export function platformFontSize (): number | null {
  try {
    const size = (Taro.getSystemInfoSync() as { fontSizeSetting?: unknown }).fontSizeSetting
    return typeof size === 'number' && size > 0 ? size : null
  } catch {
    return null
  }
}
