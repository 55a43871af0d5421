// SMS codes with the real gateway client: the answer never depends on whether the phone is on file, even when
// the gateway is slow or failing; one phone on file for two people is never guessed; parallel requests send once.
import { sql } from 'drizzle-orm'
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { demoPerson } from '../../../../../support/demo'
import { startSmsGateway, type FakeSmsGateway } from '../../../../../fakes/sms-gateway'

let gw: FakeSmsGateway; let t: TestApp
beforeAll(async () => {
  gw = await startSmsGateway({ token: 'gw-token' })
  t = await makeTestApp({ env: { SMS_GATEWAY_URL: `${gw.url}/send`, SMS_GATEWAY_TOKEN: 'gw-token', SMS_RESEND_SECONDS: '60' } })
})
afterAll(async () => { await t.close(); await gw.close() })

/** Waits (polling, no fixed sleep) for something that happens after an answer went out. */
async function eventually (ok: () => boolean, ms = 5000): Promise<void> {
  for (const start = Date.now(); !ok();) {
    if (Date.now() - start > ms) throw new Error('condition not reached')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const request = (phone: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/sms-codes', payload: { phone, purpose: 'login' } })

test('a hanging or failing gateway changes nothing in the answer, for known and unknown phones alike', async () => {
  gw.answer = { hang: true }
  const known = await request(demoPerson(1).phone) // answers although the gateway never does
  const unknown = await request('13322223333')
  expect(known.statusCode).toBe(200)
  expect(known.body).toBe(unknown.body)

  gw.answer = { status: 500 }
  t.clock.advance(61_000)
  const known2 = await request(demoPerson(1).phone)
  const unknown2 = await request('13322223333')
  expect(known2.statusCode).toBe(200)
  expect(known2.body).toBe(unknown2.body)
  // The gateway was asked for the known phone only (the sends go out after the answers).
  await eventually(() => gw.calls.length === 2)
  expect(gw.calls.map((c) => (c.body as { phone: string }).phone)).toEqual([demoPerson(1).phone, demoPerson(1).phone])
})

test('parallel requests for one phone pass the cooldown once', async () => {
  gw.answer = { status: 200 }
  const phone = demoPerson(2).phone
  const answers = await Promise.all(Array.from({ length: 5 }, () => request(phone)))
  expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 429, 429, 429, 429])
  const rows = await t.handle.db.execute(sql`select count(*)::int as n from sms_codes where phone_hash = ${t.cipher.lookupHash(phone)}`)
  expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1)
})

test('a phone on file for two people: the code is accepted but nobody is guessed', async () => {
  const p = demoPerson(4)
  const hash = t.cipher.lookupHash(p.phone)
  await t.handle.db.execute(sql`
    insert into persons (name, id_number_enc, id_number_hash, phone_enc, phone_hash, card_number, insurance_type, region_code)
    select '林小宝', id_number_enc, 'another-person', phone_enc, phone_hash, 'DM-SHARED-1', 'resident', region_code
    from persons where phone_hash = ${hash}`)
  gw.answer = { status: 200 }
  expect((await request(p.phone)).statusCode).toBe(200)
  await eventually(() => gw.messages.some((m) => m.phone === p.phone))
  const sent = gw.messages.filter((m) => m.phone === p.phone).at(-1)!
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/sms', payload: { phone: p.phone, code: sent.params.code } })
  expect(login.statusCode).toBe(409)
  expect(login.json()).toMatchObject({ error: { code: 'phone_shared' } })
  expect((login.json() as { error: { message: string } }).error.message).toMatch(/不止一位参保人/)
})
