// Session storage in WeChat: wx.setStorage with encrypt:true (base library ≥ 2.21.3), read back decrypted.
import Taro from '@tarojs/taro'
import type { SecureStorage } from './types'

// `encrypt` is a WeChat option Taro passes through but does not type.
type Encrypted<T> = T & { encrypt: true }

export const storage: SecureStorage = {
  async get (key) {
    try {
      const option: Encrypted<Taro.getStorage.Option<string>> = { key, encrypt: true }
      const { data } = await Taro.getStorage<string>(option)
      return typeof data === 'string' ? data : null
    } catch {
      return null // "data not found" is a rejection in WeChat
    }
  },
  async set (key, value) {
    const option: Encrypted<Taro.setStorage.Option> = { key, data: value, encrypt: true }
    await Taro.setStorage(option)
  },
  async remove (key) {
    try {
      await Taro.removeStorage({ key })
    } catch {
      // already gone
    }
  },
}
