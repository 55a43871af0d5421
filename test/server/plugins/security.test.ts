// Content-Security-Policy: scripts from our own origin, and of inline scripts exactly those the H5 page ships (Taro's
// rem setup, without which every rem size falls back to the browser default), allowed by hash.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createHash } from 'node:crypto'
import { inlineScriptHashes } from '../../../server/plugins/security'
import { makeTestApp } from '../../support/app'

const sha = (body: string) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`

test('hashes inline scripts only, byte for byte', () => {
  const inline = '!function(n){n.document.documentElement.style.fontSize="40px"}(window)'
  const html = `<html><head><script>${inline}</script><script defer="defer" src="/js/app.js"></script>` +
    '<script type="text/javascript">\nvar a = 1\n</script></head></html>'
  expect(inlineScriptHashes(html)).toEqual([sha(inline), sha('\nvar a = 1\n')])
  expect(inlineScriptHashes('<script src="/x.js"></script>')).toEqual([])
})

test('the served H5 page may run its own inline script and nothing else inline', async () => {
  const root = mkdtempSync(join(tmpdir(), 'h5-'))
  const inline = 'document.documentElement.style.fontSize = "50px"'
  writeFileSync(join(root, 'index.html'), `<!doctype html><html><head><script>${inline}</script></head><body></body></html>`)
  const t = await makeTestApp({ env: { STATIC_ROOT: root }, seed: false })
  try {
    const res = await t.app.inject({ method: 'GET', url: '/' })
    expect(res.statusCode).toBe(200)
    const csp = String(res.headers['content-security-policy'])
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))
    expect(scriptSrc).toBe(`script-src 'self' ${sha(inline)}`)
  } finally {
    await t.close()
  }
})

describe('headers of every answer', () => {
  let t: Awaited<ReturnType<typeof makeTestApp>>
  beforeAll(async () => { t = await makeTestApp({ env: { LOGIN_RATE_PER_MINUTE: '2' } }) })
  afterAll(async () => { await t.close() })

  test('every /api answer is uncacheable: a 200, a 400, a 401, a 403, a 404, a 429', async () => {
    const newcomer = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'someone-new' } })
    const unbound = { authorization: `Bearer ${(newcomer.json() as { token: string }).token}` }
    const answers = [
      newcomer,
      await t.app.inject({ method: 'GET', url: '/api/v1/health' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/consents/documents' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { phone: '123' } }),
      await t.app.inject({ method: 'GET', url: '/api/v1/account' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: unbound }),
      await t.app.inject({ method: 'GET', url: '/api/v1/nowhere' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/%' }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'someone-else' } }),
      await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'wechat', code: 'someone-else' } }),
    ]
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 400, 401, 403, 404, 400, 200, 429])
    expect(answers.map((r) => r.headers['cache-control'])).toEqual(answers.map(() => 'no-store'))
  })

  test('framing is refused once, the same way: X-Frame-Options DENY beside frame-ancestors \'none\'', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(res.headers['x-frame-options']).toBe('DENY')
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'")
  })

  test('HSTS only on an https request, never over plain HTTP', async () => {
    const plain = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(plain.headers['strict-transport-security']).toBeUndefined()
    // Without a trusted proxy, a client's X-Forwarded-Proto says nothing.
    const claimed = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } })
    expect(claimed.headers['strict-transport-security']).toBeUndefined()
  })

  test('behind a trusted proxy that terminated TLS, HSTS is sent', async () => {
    const p = await makeTestApp({ seed: false, env: { TRUST_PROXY: '127.0.0.1' } })
    try {
      const https = await p.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } })
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains')
      const http = await p.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'http' } })
      expect(http.headers['strict-transport-security']).toBeUndefined()
    } finally {
      await p.close()
    }
  })
})
