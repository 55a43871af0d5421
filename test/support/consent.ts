// Server-test sessions as the app makes them: a platform or password login, then both consents given through the real
// API, because the server reads no account data without them.
import { currentDocument } from '../../server/domain/consent-documents'
import type { ConsentDocumentName } from '../../types/api/consent'
import type { TestApp } from './app'
import { demoPerson } from './demo'

type Inject = Pick<TestApp, 'app'>
type Platform = 'wechat' | 'alipay'
export type Headers = Record<string, string>
export interface Session { token: string; headers: Headers }

/** Accepts the current version of each document for the holder of `token`, as the consent panels do. */
export async function giveConsents (t: Inject, token: string, documents: readonly ConsentDocumentName[] = ['privacy', 'sensitive']): Promise<void> {
  for (const document of documents) {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/consents', headers: { authorization: `Bearer ${token}` },
      payload: { document, version: currentDocument(document).version, channel: 'weapp' },
    })
    if (res.statusCode !== 200) throw new Error(`consent ${document}: ${res.statusCode} ${res.body}`)
  }
}

/**
 * A platform login with `code`, no consents yet: a dev demo code (`wx-demo-<n>`, `alipay-demo-<n>`) signs in the demo
 * person, bound and verified for the window; any other code the dev stand-in (or a fake platform server) answers is a
 * new, unbound identity.
 */
export async function platformSession (t: Inject, code: string, platform: Platform = 'wechat'): Promise<Session & { bound: boolean }> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform, code } })
  expect(res.statusCode).toBe(200)
  const { token, bound } = res.json() as { token: string; bound: boolean }
  return { token, bound, headers: { authorization: `Bearer ${token}` } }
}

/** platformSession, then both consents given, as the app does right after login. */
export async function consentedSession (t: Inject, code: string, platform: Platform = 'wechat'): Promise<Session & { bound: boolean }> {
  const session = await platformSession(t, code, platform)
  await giveConsents(t, session.token)
  return session
}

/**
 * Demo person n signed in with the dev code (`wx-demo-<n>`, or `alipay-demo-<n>`), verified for the window and with
 * both consents given: a session that may read its account data. `headers` carries the bearer token.
 */
export async function verifiedDemoSession (t: Inject, n: number, platform: Platform = 'wechat'): Promise<Session> {
  const { token, headers } = await consentedSession(t, platform === 'wechat' ? `wx-demo-${n}` : `alipay-demo-${n}`, platform)
  return { token, headers }
}

/** The bearer headers of verifiedDemoSession: what most route tests send. */
export async function demoLogin (t: Inject, n: number, platform: Platform = 'wechat'): Promise<Headers> {
  return (await verifiedDemoSession(t, n, platform)).headers
}

/**
 * Demo person n signed in with card number and query password: verified, with no platform identity behind the
 * session; both consents given unless `consents` is false.
 */
export async function demoPasswordSession (t: Inject, n: number, o: { consents?: boolean } = {}): Promise<Session> {
  const p = demoPerson(n)
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: { cardNumber: p.cardNumber, password: p.queryPassword } })
  expect(res.statusCode).toBe(200)
  const { token } = res.json() as { token: string }
  if (o.consents ?? true) await giveConsents(t, token)
  return { token, headers: { authorization: `Bearer ${token}` } }
}
