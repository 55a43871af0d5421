// The browser's Web Storage behind SecureStorage, for the H5 variants (session: sessionStorage; preferences:
// localStorage). Private browsing modes may throw on any access: then the value lives in this page's memory.
import type { SecureStorage } from './types'

export function webStorage (area: () => Storage): SecureStorage {
  const fallback = new Map<string, string>()
  return {
    async get (key) {
      try {
        return area().getItem(key)
      } catch {
        return fallback.get(key) ?? null
      }
    },
    async set (key, value) {
      try {
        area().setItem(key, value)
      } catch {
        fallback.set(key, value)
      }
    },
    async remove (key) {
      fallback.delete(key)
      try {
        area().removeItem(key)
      } catch {
        // nothing stored there, then
      }
    },
  }
}
