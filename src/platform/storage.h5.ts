// Session storage on H5: sessionStorage, so the token ends with the tab (DESIGN §8: never localStorage).
import type { SecureStorage } from './types'

// Private browsing modes may throw on any access; then the session simply lives in memory for this page.
const fallback = new Map<string, string>()

export const storage: SecureStorage = {
  async get (key) {
    try {
      return window.sessionStorage.getItem(key)
    } catch {
      return fallback.get(key) ?? null
    }
  },
  async set (key, value) {
    try {
      window.sessionStorage.setItem(key, value)
    } catch {
      fallback.set(key, value)
    }
  },
  async remove (key) {
    fallback.delete(key)
    try {
      window.sessionStorage.removeItem(key)
    } catch {
      // nothing stored there, then
    }
  },
}
