// The shapes every platform variant implements (one interface per capability, DESIGN §2).
import type { Platform as LoginPlatform } from '../../types/api/auth'

export type { LoginPlatform }

export interface PlatformLoginCode {
  platform: LoginPlatform
  code: string
}

/** Async key-value storage for the session; each platform keeps it where DESIGN §4 says. */
export interface SecureStorage {
  get (key: string): Promise<string | null>
  set (key: string, value: string): Promise<void>
  remove (key: string): Promise<void>
}

/** What stores receive as `platform`: tests pass a fake. */
export interface PlatformAdapter {
  /** The one-tap login this build offers, or null (then only SMS login is shown). */
  loginPlatform: LoginPlatform | null
  getPlatformLoginCode (): Promise<PlatformLoginCode | null>
  storage: SecureStorage
}
