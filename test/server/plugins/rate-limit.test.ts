// What the shared rate-limit table counts: the API and unknown URLs, one row per client and route; not the health
// check (a load balancer polls it) nor the H5 app's own files (one page load fetches dozens).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { rowsOf } from '../../../server/db/rows'
import { makeTestApp, type TestApp } from '../../support/app'

let t: TestApp
beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'h5-'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><script defer src="/js/app.js"></script></head><body></body></html>')
  mkdirSync(join(root, 'js'))
  writeFileSync(join(root, 'js', 'app.js'), 'console.log("app")\n')
  t = await makeTestApp({ env: { STATIC_ROOT: root }, seed: false, rateLimitMax: 3 })
})
afterAll(async () => { await t.close() })

const rows = async () => rowsOf<{ n: number }>(await t.handle.db.execute(sql`select count(*)::int as n from rate_limits`))[0]!.n
const get = (url: string, from: string, method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url, remoteAddress: from })

test('health checks and the H5 app\'s files write no rate-limit row and are never refused', async () => {
  const before = await rows()
  const answers: number[] = []
  for (let i = 0; i < 5; i++) {
    answers.push((await get('/api/v1/health', '192.0.2.1')).statusCode)
    answers.push((await get('/', '192.0.2.1')).statusCode)
    answers.push((await get('/js/app.js', '192.0.2.1')).statusCode)
    answers.push((await get('/js/app.js', '192.0.2.1', 'HEAD')).statusCode)
  }
  expect(answers).toEqual(Array(20).fill(200))
  expect(await rows()).toBe(before)
})

test('the API and unknown URLs are still counted and limited per client', async () => {
  const before = await rows()
  const api = [] as number[]
  for (let i = 0; i < 4; i++) api.push((await get('/api/v1/account', '192.0.2.2')).statusCode)
  expect(api).toEqual([401, 401, 401, 429])
  expect(await rows()).toBe(before + 1)
  const unknown = [] as number[]
  // A missing file and a page-like path both reach the not-found handler, which counts in its own window.
  for (const url of ['/js/missing.js', '/wp-login.php', '/some/page']) unknown.push((await get(url, '192.0.2.3')).statusCode)
  expect(unknown).toEqual([404, 404, 200])
  expect(await rows()).toBe(before + 2)
})
