// Health, OpenAPI, the error contract (every failure is {"error":{code,message}} in Chinese, never a 5xx), and how
// long browsers keep the H5 app's files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { makeTestApp, type TestApp } from '../support/app'

let t: TestApp
beforeAll(async () => { t = await makeTestApp({ seed: false }) })
afterAll(async () => { await t.close() })

const chinese = /[\u4e00-\u9fa5]/

function expectError (res: { statusCode: number; json: () => unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status)
  const body = res.json() as { error: { code: string; message: string } }
  expect(Object.keys(body)).toEqual(['error'])
  expect(Object.keys(body.error).sort()).toEqual(['code', 'message'])
  expect(body.error.code).toBe(code)
  expect(body.error.message).toMatch(chinese)
  return body.error.message
}

test('health answers ok after a database round trip', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({ status: 'ok' })
})

test('the OpenAPI document is generated from the route schemas', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })
  expect(res.statusCode).toBe(200)
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, { security?: unknown; requestBody?: unknown }>>; components: { securitySchemes: Record<string, unknown> } }
  expect(doc.openapi).toBe('3.1.0')
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
    '/api/v1/health', '/api/v1/auth/login/platform', '/api/v1/auth/sms-codes', '/api/v1/auth/login/sms', '/api/v1/auth/logout', '/api/v1/account',
  ]))
  expect(doc.paths['/api/v1/account']!.get!.security).toEqual([{ bearer: [] }])
  expect(doc.paths['/api/v1/auth/login/sms']!.post!.requestBody).toBeDefined()
  expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' })
})

describe('bad input gets a specific 4xx with a Chinese message', () => {
  const post = (url: string, payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    t.app.inject({ method: 'POST', url, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers })

  test('a malformed phone names the field and what to do', async () => {
    const msg = expectError(await post('/api/v1/auth/sms-codes', { phone: '12345', purpose: 'login' }), 400, 'validation_failed')
    expect(msg).toBe('请输入正确的 11 位手机号')
  })
  test('a missing field', async () => {
    const msg = expectError(await post('/api/v1/auth/login/sms', { phone: '13800000001' }), 400, 'validation_failed')
    expect(msg).toContain('验证码')
  })
  test('an unknown extra field is refused, not dropped', async () => {
    const msg = expectError(await post('/api/v1/auth/sms-codes', { phone: '13800000001', purpose: 'login', admin: true }), 400, 'validation_failed')
    // The field's raw name is not shown: the person can do nothing with it.
    expect(msg).toBe('请求中有多余的内容，请更新小程序后重试')
  })
  test('a wrong platform name', async () => {
    expectError(await post('/api/v1/auth/login/platform', { platform: 'qq', code: 'x' }), 400, 'validation_failed')
  })
  test('malformed JSON', async () => {
    expectError(await post('/api/v1/auth/sms-codes', '{"phone":'), 400, 'bad_request')
  })
  test('an unsupported content type', async () => {
    expectError(await post('/api/v1/auth/sms-codes', '<phone/>', { 'content-type': 'text/xml' }), 415, 'unsupported_media_type')
  })
  test('an oversized body', async () => {
    expectError(await post('/api/v1/auth/sms-codes', { phone: '13800000001', purpose: 'login', pad: 'x'.repeat(100_000) }), 413, 'payload_too_large')
  })
  test('an unknown API path is a JSON 404', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'not_found')
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/v1/account' }), 404, 'not_found')
  })
  test('a malformed URL gets the same envelope', async () => {
    const msg = expectError(await t.app.inject({ method: 'GET', url: '/api/v1/%' }), 400, 'bad_request')
    expect(msg).toBe('网址格式不正确，请检查后重试')
  })
  test('a body of the wrong type is described without schema words', async () => {
    const msg = expectError(await post('/api/v1/auth/sms-codes', '"13800000001"'), 400, 'validation_failed')
    expect(msg).not.toMatch(/[A-Za-z]{4,}/)
    const fieldMsg = expectError(await post('/api/v1/auth/login/platform', { platform: 'wechat', code: { x: 1 } }), 400, 'validation_failed')
    expect(fieldMsg).toBe('平台登录凭证格式不对，应为文字')
  })
  test('a malformed Authorization header is a 401, not a crash', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: 'Basic abc' } }), 401, 'unauthorized')
    expectError(await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${'x'.repeat(400)}` } }), 401, 'unauthorized')
  })
})

test('security headers are set on API answers', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' })
  expect(res.headers['x-content-type-options']).toBe('nosniff')
  expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'")
})

describe('behind a proxy (TRUST_PROXY)', () => {
  let p: TestApp
  beforeAll(async () => { p = await makeTestApp({ seed: false, env: { TRUST_PROXY: '127.0.0.1' }, rateLimitMax: 2 }) })
  afterAll(async () => { await p.close() })

  test('rate limits count per client address from X-Forwarded-For, not per proxy', async () => {
    // Any API route but the health check, which is never counted (plugins/rate-limit).
    const from = (ip: string) => p.app.inject({ method: 'GET', url: '/api/v1/account', headers: { 'x-forwarded-for': ip } })
    expect([(await from('198.51.100.1')).statusCode, (await from('198.51.100.1')).statusCode, (await from('198.51.100.1')).statusCode]).toEqual([401, 401, 429])
    expect((await from('198.51.100.2')).statusCode).toBe(401)
  })
})

describe('the H5 app\'s files: hashed scripts and styles kept for a year, the page itself asked for every time', () => {
  let h5: TestApp
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'h5-cache-'))
    mkdirSync(join(root, 'js')); mkdirSync(join(root, 'css'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><link rel="icon" href="/favicon.svg"></head><body></body></html>')
    writeFileSync(join(root, 'js', 'app.1a2b3c4d.js'), 'void 0')
    writeFileSync(join(root, 'js', '169.9732f1a6.js'), 'void 0')
    writeFileSync(join(root, 'css', 'app.5e6f7a8b.css'), 'body{}')
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
    writeFileSync(join(root, 'favicon.ico'), Buffer.from([0, 0, 1, 0, 0, 0]))
    h5 = await makeTestApp({ seed: false, env: { STATIC_ROOT: root } })
  })
  afterAll(async () => { await h5?.close() })

  const get = (url: string) => h5.app.inject({ method: 'GET', url })

  test.each(['/js/app.1a2b3c4d.js', '/js/169.9732f1a6.js', '/css/app.5e6f7a8b.css'])('%s: public, a year, immutable', async (url) => {
    const res = await get(url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  test.each(['/', '/index.html', '/pages/index/index'])('%s (the page): no-cache, so a new build is picked up at once', async (url) => {
    const res = await get(url)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/html/)
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  test('the icons are served (no 404 for /favicon.ico), kept a day since their names carry no hash', async () => {
    for (const url of ['/favicon.svg', '/favicon.ico']) {
      const res = await get(url)
      expect([url, res.statusCode, res.headers['cache-control']]).toEqual([url, 200, 'public, max-age=86400'])
    }
  })

  test('the API keeps its own no-store beside the app', async () => {
    expect((await get('/api/v1/health')).headers['cache-control']).toBe('no-store')
  })
})
