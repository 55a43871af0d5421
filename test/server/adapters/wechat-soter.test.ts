// The WeChat SOTER client against the fake server, whose device keys sign like a phone's TEE.
import { SOTER_UNAVAILABLE_MESSAGE, WechatSoterVerifier } from '../../../server/adapters/wechat-soter'
import { AppError } from '../../../server/domain/errors'
import { wechatClientUnderTest } from '../../support/wechat-client'

const resultJson = JSON.stringify({ raw: 'challenge-7f3a', fid: '123', counter: 42, tee_n: 'TEE', tee_v: '1', fp_n: 'fp', fp_v: '1', cpu_id: 'c', uid: '1' })

const wx = wechatClientUnderTest({
  dataKey: 'test-data-key-for-wechat-soter-012',
  client: (cfg, tokens) => new WechatSoterVerifier(cfg, tokens),
})

const soterCalls = () => wx.fake.calls.filter((c) => c.path === '/cgi-bin/soter/verify_signature')

test('a signature by the user\'s device key is ok; the request carries openid, json_string and json_signature', async () => {
  const device = await wx.fake.soterDevice('o-soter-1')
  const jsonSignature = device.sign(resultJson)
  await expect(wx.client.verifySignature({ openid: 'o-soter-1', jsonString: resultJson, jsonSignature })).resolves.toBe(true)
  const [call] = soterCalls()
  expect(call!.body).toEqual({ openid: 'o-soter-1', json_string: resultJson, json_signature: jsonSignature })
  expect(call!.query.access_token).toBe(wx.fake.currentToken)
})

test('a changed resultJSON, another user\'s openid, another device, or an unenrolled user → false', async () => {
  const device = await wx.fake.soterDevice('o-soter-2')
  await wx.fake.soterDevice('o-soter-3')
  const jsonSignature = device.sign(resultJson)
  const changed = resultJson.replace('challenge-7f3a', 'challenge-0000')
  await expect(wx.client.verifySignature({ openid: 'o-soter-2', jsonString: changed, jsonSignature })).resolves.toBe(false)
  await expect(wx.client.verifySignature({ openid: 'o-soter-3', jsonString: resultJson, jsonSignature })).resolves.toBe(false)
  await expect(wx.client.verifySignature({ openid: 'o-nobody', jsonString: resultJson, jsonSignature })).resolves.toBe(false)
  await expect(wx.client.verifySignature({ openid: 'o-soter-2', jsonString: resultJson, jsonSignature: 'not-base64!' })).resolves.toBe(false)
  expect(soterCalls().map((c) => c.answer!.is_ok)).toEqual([false, false, false, false])
})

test('an is_ok that is not literally true is not ok', async () => {
  wx.fake.queue.push({ path: '/cgi-bin/soter/verify_signature', answer: { status: 200, body: '{"errcode":0,"is_ok":"true"}' } })
  await expect(wx.client.verifySignature({ openid: 'o', jsonString: resultJson, jsonSignature: 'x' })).resolves.toBe(false)
})

test('a revoked access token is replaced and the check retried once', async () => {
  const device = await wx.fake.soterDevice('o-soter-4')
  await wx.client.verifySignature({ openid: 'o-soter-4', jsonString: resultJson, jsonSignature: 'x' })
  wx.fake.revokeTokens()
  await expect(wx.client.verifySignature({ openid: 'o-soter-4', jsonString: resultJson, jsonSignature: device.sign(resultJson) })).resolves.toBe(true)
  expect(soterCalls().map((c) => c.answer!.errcode)).toEqual([0, 40001, 0])
})

test.each([
  ['busy (-1)', { errcode: -1 }, 'wechat soter verify_signature errcode -1'],
  ['HTTP 502', { status: 502, body: '' }, 'wechat soter verify_signature http 502'],
] as const)('%s → 502 with the SOTER message', async (_name, answer, cause) => {
  wx.fake.queue.push({ path: '/cgi-bin/soter/verify_signature', answer })
  const e = await wx.client.verifySignature({ openid: 'o', jsonString: resultJson, jsonSignature: 'x' }).catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect([(e as AppError).status, (e as AppError).message, (e as AppError).cause]).toEqual([502, SOTER_UNAVAILABLE_MESSAGE, cause])
})
