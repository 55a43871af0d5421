// Non-sensitive preferences on H5: localStorage, so that the privacy policy agreed on this browser is not asked
// again in every new tab. Nothing sensitive goes here (DESIGN §8): the session token stays in sessionStorage.
import type { SecureStorage } from './types'

const fallback = new Map<string, string>() // private browsing may refuse localStorage: this page's memory then

export const preferences: SecureStorage = {
  async get (key) {
    try {
      return window.localStorage.getItem(key)
    } catch {
      return fallback.get(key) ?? null
    }
  },
  async set (key, value) {
    try {
      window.localStorage.setItem(key, value)
    } catch {
      fallback.set(key, value)
    }
  },
  async remove (key) {
    fallback.delete(key)
    try {
      window.localStorage.removeItem(key)
    } catch {
      // nothing stored there, then
    }
  },
}
