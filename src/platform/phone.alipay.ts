// Alipay: my.makePhoneCall (its parameter is `number`).
import { dialable } from './phone-number'

export function callPhone (phone: string): Promise<boolean> {
  const number = dialable(phone)
  return new Promise((resolve) => {
    if (!number || typeof my.makePhoneCall !== 'function') {
      resolve(false)
      return
    }
    my.makePhoneCall({ number, success: () => resolve(true), fail: () => resolve(false) })
  })
}
