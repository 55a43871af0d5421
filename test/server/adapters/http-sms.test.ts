// The real SMS gateway client against the fake gateway, over HTTP.
import { HttpSmsSender } from '../../../server/adapters/http-sms'
import { AppError } from '../../../server/domain/errors'
import { startSmsGateway, type FakeSmsGateway } from '../../fakes/sms-gateway'

let fake: FakeSmsGateway
let sms: HttpSmsSender
const msg = { phone: '13812345678', purpose: 'login', code: '246810', ttlSeconds: 300 }

beforeAll(async () => {
  fake = await startSmsGateway()
  sms = new HttpSmsSender({ url: fake.url, token: fake.token }, { timeoutMs: 2000 })
})
afterAll(async () => { await fake.close() })
beforeEach(() => { fake.calls.length = 0; fake.messages.length = 0; fake.answer = { status: 200 } })

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

test('posts the documented JSON with the bearer token', async () => {
  await sms.send(msg)
  expect(fake.calls).toHaveLength(1)
  expect(fake.calls[0]).toMatchObject({ method: 'POST', authorization: `Bearer ${fake.token}` })
  expect(fake.calls[0]!.contentType).toMatch(/^application\/json/)
  expect(fake.calls[0]!.body).toEqual({
    phone: '13812345678', template: 'verification_code', params: { code: '246810', purpose: 'login', ttlMinutes: 5 },
  })
  expect(fake.messages).toHaveLength(1)
  expect(sms.kind).toBe('real')
})

test('ttlMinutes rounds a part minute up', async () => {
  await sms.send({ ...msg, ttlSeconds: 90 })
  expect(fake.messages[0]!.params.ttlMinutes).toBe(2)
})

test.each([500, 503, 429, 400])('a gateway answering %i → 502 platform_unavailable, in Chinese', async (status) => {
  fake.answer = { status, body: '{"error":"vendor says no"}' }
  const e = await failure(sms.send(msg))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', `sms gateway http ${status}`])
  expect(e.message).toBe('短信暂时发送不出去，请稍后再试')
  expect(fake.messages).toHaveLength(0)
})

test('a wrong token is refused by the gateway (401) → 502', async () => {
  const wrong = new HttpSmsSender({ url: fake.url, token: 'not-the-token' })
  const e = await failure(wrong.send(msg))
  expect(fake.calls[0]!.authorization).toBe('Bearer not-the-token')
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'sms gateway http 401'])
  expect(fake.messages).toHaveLength(0)
})

test('a gateway that never answers → 502 after the timeout', async () => {
  fake.answer = { hang: true }
  const quick = new HttpSmsSender({ url: fake.url, token: fake.token }, { timeoutMs: 200 })
  const e = await failure(quick.send(msg))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'sms gateway timed out after 200 ms'])
})

test('nobody listening → 502; the diagnostic names neither phone nor code', async () => {
  const other = await startSmsGateway()
  const url = other.url
  await other.close()
  const e = await failure(new HttpSmsSender({ url, token: 't' }).send(msg))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'sms gateway network error'])
  expect(`${e.message} ${String(e.cause)}`).not.toMatch(/13812345678|246810/)
})
