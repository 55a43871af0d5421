// The dev stand-in for platform login (DEV_MODE=1 only): demo codes map to the demo persons' identities, any other
// code to a stable, unbound identity. Never used in production (createAdapters refuses).
import { createHash } from 'node:crypto'
import type { Platform } from '../../types/api/auth'
import type { CodeExchanger, PlatformIdentityInfo } from '../domain/ports'

/** The code prefix a developer types (or the dev client sends) per platform: `wx-demo-3`, `alipay-demo-3`. */
const DEMO_CODE_PREFIX: Record<Platform, string> = { wechat: 'wx-demo-', alipay: 'alipay-demo-' }

/** The subject the demo data generator binds to demo person n; both sides must agree on this exact form. */
export function devDemoSubject (platform: Platform, n: number): string {
  return `dev-${platform}-demo-${n}`
}

export class DevCodeExchanger implements CodeExchanger {
  readonly kind = 'dev' as const

  constructor (readonly platform: Platform) {}

  async exchange (code: string): Promise<PlatformIdentityInfo> {
    const prefix = DEMO_CODE_PREFIX[this.platform]
    if (code.startsWith(prefix)) {
      const n = code.slice(prefix.length)
      // A positive integer written the one canonical way, so `wx-demo-01` is not a second name for person 1
      // (at most 9 digits, far beyond any demo data set, so the number stays exact).
      if (/^[1-9][0-9]{0,8}$/.test(n)) {
        return { platform: this.platform, subject: devDemoSubject(this.platform, Number(n)), devDemo: true }
      }
    }
    // Any other code (including the other platform's demo form) is a stranger who has not bound anyone yet;
    // hashing keeps the same code on the same identity, so a developer can log in twice as the same stranger.
    return { platform: this.platform, subject: `dev-${this.platform}-${createHash('sha256').update(code, 'utf8').digest('hex').slice(0, 24)}`, devDemo: false }
  }
}
