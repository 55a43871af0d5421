// Server-test sessions as the app makes them: a dev demo login (bound, verified for the window) followed by both
// consents given through the real API, because the server reads no account data without them.
import { currentDocument } from '../../server/domain/consent-documents'
import type { ConsentDocumentName } from '../../types/api/consent'
import type { TestApp } from './app'

type Inject = Pick<TestApp, 'app'>

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
 * Demo person n signed in with the dev code (`wx-demo-<n>`, or `alipay-demo-<n>`), verified for the window and with
 * both consents given: a session that may read its account data. `headers` carries the bearer token.
 */
export async function verifiedDemoSession (t: Inject, n: number, platform: 'wechat' | 'alipay' = 'wechat'):
Promise<{ token: string; headers: Record<string, string> }> {
  const code = platform === 'wechat' ? `wx-demo-${n}` : `alipay-demo-${n}`
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform, code } })
  if (res.statusCode !== 200) throw new Error(`login ${code}: ${res.statusCode} ${res.body}`)
  const { token } = res.json() as { token: string }
  await giveConsents(t, token)
  return { token, headers: { authorization: `Bearer ${token}` } }
}
