// Two app instances on one database act as one: nothing that matters lives in a server process.
import { makeTestApp, smsSent, type TestApp } from '../support/app'
import { giveConsents } from '../support/consent'
import { testDb } from '../support/db'
import type { DbHandle } from '../../server/db'
import { demoPerson } from '../support/demo'

let handle: DbHandle; let a: TestApp; let b: TestApp
beforeAll(async () => {
  handle = await testDb()
  a = await makeTestApp({ handle, rateLimitMax: 6 })
  b = await makeTestApp({ handle, seed: false, rateLimitMax: 6 })
})
afterAll(async () => { await a.close(); await b.close(); await handle.close() })

test('a code sent by one process is checked by another, and the session works on both', async () => {
  const phone = demoPerson(1).phone
  expect((await a.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { phone, purpose: 'login' } })).statusCode).toBe(200)
  await smsSent(a, 1)
  const box = await b.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${phone}`, headers: b.adminHeaders })
  const code = (box.json() as { items: { code: string }[] }).items[0]!.code
  const login = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login/sms', payload: { phone, code } })
  expect(login.statusCode).toBe(200)
  const { token } = login.json() as { token: string }
  const auth = { authorization: `Bearer ${token}` }
  // Consents given through one process count on the other: they too are rows, read on every account request.
  await giveConsents(b, token)
  expect((await a.app.inject({ method: 'GET', url: '/api/v1/account', headers: auth })).statusCode).toBe(200)
  expect((await a.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: auth })).statusCode).toBe(204)
  expect((await b.app.inject({ method: 'GET', url: '/api/v1/account', headers: auth })).statusCode).toBe(401)
})

test('the rate-limit window is shared: requests to either process count together', async () => {
  const from = { remoteAddress: '127.0.0.9' }
  const statuses: number[] = []
  for (let i = 0; i < 8; i++) {
    const app = i % 2 === 0 ? a.app : b.app
    // An API route (the health check is never counted): unauthenticated, so 401 until the window is full.
    const res = await app.inject({ method: 'GET', url: '/api/v1/account', ...from })
    statuses.push(res.statusCode)
    if (res.statusCode === 429) {
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
      expect(res.json()).toMatchObject({ error: { code: 'rate_limited' } })
    }
  }
  expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401])
  expect(statuses.slice(6)).toEqual([429, 429])
})
