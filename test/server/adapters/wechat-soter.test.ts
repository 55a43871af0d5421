// The WeChat SOTER client against the fake server, whose device keys sign like a phone's TEE.
import { WechatAccessToken } from '../../../server/adapters/wechat-access-token'
import { SOTER_UNAVAILABLE_MESSAGE, WechatSoterVerifier } from '../../../server/adapters/wechat-soter'
import type { DbHandle } from '../../../server/db'
import { platformTokens } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import { startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'
import { testDb } from '../../support/db'

let h: DbHandle
let fake: FakeWechatServer
let soter: WechatSoterVerifier
const cipher = new DataCipher('test-data-key-for-wechat-soter-012')
const resultJson = JSON.stringify({ raw: 'challenge-7f3a', fid: '123', counter: 42, tee_n: 'TEE', tee_v: '1', fp_n: 'fp', fp_v: '1', cpu_id: 'c', uid: '1' })

beforeAll(async () => {
  h = await testDb()
  fake = await startWechatServer()
})
afterAll(async () => {
  await fake.close()
  await h.close()
})
beforeEach(async () => {
  await h.db.delete(platformTokens)
  fake.calls.length = 0
  fake.queue.length = 0
  const cfg = { appId: fake.appId, secret: fake.secret, apiBase: fake.url }
  soter = new WechatSoterVerifier(cfg, new WechatAccessToken(cfg, { db: h.db, cipher }))
})

const soterCalls = () => fake.calls.filter((c) => c.path === '/cgi-bin/soter/verify_signature')

test('a signature by the user\'s device key is ok; the request carries openid, json_string and json_signature', async () => {
  const device = await fake.soterDevice('o-soter-1')
  const jsonSignature = device.sign(resultJson)
  await expect(soter.verifySignature({ openid: 'o-soter-1', jsonString: resultJson, jsonSignature })).resolves.toBe(true)
  const [call] = soterCalls()
  expect(call!.body).toEqual({ openid: 'o-soter-1', json_string: resultJson, json_signature: jsonSignature })
  expect(call!.query.access_token).toBe(fake.currentToken)
})

test('a changed resultJSON, another user\'s openid, another device, or an unenrolled user → false', async () => {
  const device = await fake.soterDevice('o-soter-2')
  await fake.soterDevice('o-soter-3')
  const jsonSignature = device.sign(resultJson)
  const changed = resultJson.replace('challenge-7f3a', 'challenge-0000')
  await expect(soter.verifySignature({ openid: 'o-soter-2', jsonString: changed, jsonSignature })).resolves.toBe(false)
  await expect(soter.verifySignature({ openid: 'o-soter-3', jsonString: resultJson, jsonSignature })).resolves.toBe(false)
  await expect(soter.verifySignature({ openid: 'o-nobody', jsonString: resultJson, jsonSignature })).resolves.toBe(false)
  await expect(soter.verifySignature({ openid: 'o-soter-2', jsonString: resultJson, jsonSignature: 'not-base64!' })).resolves.toBe(false)
  expect(soterCalls().map((c) => c.answer!.is_ok)).toEqual([false, false, false, false])
})

test('an is_ok that is not literally true is not ok', async () => {
  fake.queue.push({ path: '/cgi-bin/soter/verify_signature', answer: { status: 200, body: '{"errcode":0,"is_ok":"true"}' } })
  await expect(soter.verifySignature({ openid: 'o', jsonString: resultJson, jsonSignature: 'x' })).resolves.toBe(false)
})

test('a revoked access token is replaced and the check retried once', async () => {
  const device = await fake.soterDevice('o-soter-4')
  await soter.verifySignature({ openid: 'o-soter-4', jsonString: resultJson, jsonSignature: 'x' })
  fake.revokeTokens()
  await expect(soter.verifySignature({ openid: 'o-soter-4', jsonString: resultJson, jsonSignature: device.sign(resultJson) })).resolves.toBe(true)
  expect(soterCalls().map((c) => c.answer!.errcode)).toEqual([0, 40001, 0])
})

test.each([
  ['busy (-1)', { errcode: -1 }, 'wechat soter verify_signature errcode -1'],
  ['HTTP 502', { status: 502, body: '' }, 'wechat soter verify_signature http 502'],
] as const)('%s → 502 with the SOTER message', async (_name, answer, cause) => {
  fake.queue.push({ path: '/cgi-bin/soter/verify_signature', answer })
  const e = await soter.verifySignature({ openid: 'o', jsonString: resultJson, jsonSignature: 'x' }).catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect([(e as AppError).status, (e as AppError).message, (e as AppError).cause]).toEqual([502, SOTER_UNAVAILABLE_MESSAGE, cause])
})
