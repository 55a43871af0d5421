// WeChat: wx.makePhoneCall, which asks the person before dialling.
import Taro from '@tarojs/taro'
import { dialable } from './phone-number'

export async function callPhone (phone: string): Promise<boolean> {
  const number = dialable(phone)
  if (!number) return false
  try {
    await Taro.makePhoneCall({ phoneNumber: number })
    return true
  } catch {
    return false // cancelled at WeChat's own prompt
  }
}
