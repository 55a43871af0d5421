// Session storage, default variant (tsc and jest): memory only. Bundles use storage.<TARO_ENV>.ts.
import type { SecureStorage } from './types'

const memory = new Map<string, string>()

export const storage: SecureStorage = {
  get: async (key) => memory.get(key) ?? null,
  set: async (key, value) => { memory.set(key, value) },
  remove: async (key) => { memory.delete(key) },
}
