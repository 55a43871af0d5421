// Platform login code, default variant (tsc and jest): no one-tap login. Bundles use login.<TARO_ENV>.ts.
import type { LoginPlatform, PlatformLoginCode } from './types'

export const loginPlatform: LoginPlatform | null = null

export async function getPlatformLoginCode (): Promise<PlatformLoginCode | null> {
  return null
}
