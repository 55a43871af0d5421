// Session storage in Alipay: my.setStorage (kept in the app's own sandbox by the Alipay client).
import type { SecureStorage } from './types'

export const storage: SecureStorage = {
  get (key) {
    return new Promise((resolve) => {
      my.getStorage({
        key,
        success: ({ data }) => resolve(typeof data === 'string' ? data : null),
        fail: () => resolve(null),
      })
    })
  },
  set (key, value) {
    return new Promise((resolve, reject) => {
      my.setStorage({
        key,
        data: value,
        success: () => resolve(),
        fail: (err) => reject(new Error(`my.setStorage failed: ${err.errorMessage ?? err.error ?? 'unknown'}`)),
      })
    })
  },
  remove (key) {
    return new Promise((resolve) => {
      my.removeStorage({ key, success: () => resolve(), fail: () => resolve() })
    })
  },
}
