// H5: a tel: link, which the phone's dialler opens (a desktop browser asks which app should).
import { dialable } from './phone-number'

export async function callPhone (phone: string): Promise<boolean> {
  const number = dialable(phone)
  if (!number || typeof window === 'undefined') return false
  window.location.href = `tel:${number}`
  return true
}
