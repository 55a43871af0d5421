// Platform login code in Alipay: my.getAuthCode with the silent auth_base scope (no consent dialog).
import type { LoginPlatform, PlatformLoginCode } from './types'

export const loginPlatform: LoginPlatform | null = 'alipay'

export function getPlatformLoginCode (): Promise<PlatformLoginCode | null> {
  return new Promise((resolve, reject) => {
    my.getAuthCode({
      scopes: 'auth_base',
      success: ({ authCode }) => authCode ? resolve({ platform: 'alipay', code: authCode }) : reject(new Error('my.getAuthCode returned no code')),
      fail: (err) => reject(new Error(`my.getAuthCode failed: ${err.errorMessage ?? err.error ?? 'unknown'}`)),
    })
  })
}
