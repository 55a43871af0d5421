// Platform login code in WeChat: wx.login (through Taro.login) gives a single-use code for code2Session.
import Taro from '@tarojs/taro'
import type { LoginPlatform, PlatformLoginCode } from './types'

export const loginPlatform: LoginPlatform | null = 'wechat'

export async function getPlatformLoginCode (): Promise<PlatformLoginCode | null> {
  const { code } = await Taro.login()
  if (!code) throw new Error('wx.login returned no code')
  return { platform: 'wechat', code }
}
