// Platform login code on H5: a browser has no platform identity, so login is by phone and SMS code only.
import type { LoginPlatform, PlatformLoginCode } from './types'

export const loginPlatform: LoginPlatform | null = null

export async function getPlatformLoginCode (): Promise<PlatformLoginCode | null> {
  return null
}
