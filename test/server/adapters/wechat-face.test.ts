// The WeChat face check 2.0 client against the fake server: verify_id, result, cert_hash, token retry, refusals.
import {
  FACE_UNAVAILABLE_MESSAGE, WechatFaceVerifier, certHash, isValidOutSeqNo, newOutSeqNo,
} from '../../../server/adapters/wechat-face'
import { platformTokens } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { FACE_ERRCODES, startWechatServer } from '../../fakes/wechat-server'
import { wechatClientUnderTest } from '../../support/wechat-client'

const person = { certName: '张三', certNo: '310101199801011234', openid: 'o-face-user-1' }

const wx = wechatClientUnderTest({
  dataKey: 'test-data-key-for-wechat-face-0123',
  client: (cfg, tokens) => new WechatFaceVerifier(cfg, tokens, { timeoutMs: 2000 }),
})

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

const apiCalls = (suffix: string) => wx.fake.calls.filter((c) => c.path.endsWith(suffix))

/** getVerifyId for `person` with a fresh out_seq_no. */
async function start (who = person) {
  const outSeqNo = newOutSeqNo()
  const { verifyId } = await wx.client.getVerifyId({ outSeqNo, ...who })
  return { outSeqNo, verifyId, ...who }
}

test('cert_hash matches the worked example in WeChat\'s documentation', () => {
  // cert_type=SURFTlRJVFlfQ0FSRA==&cert_name=5byg5LiJ&cert_no=MzEwMTAxMTk5ODAxMDExMjM0, SHA-256, lowercase hex
  expect(certHash('张三', '310101199801011234')).toBe('3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b')
  expect(certHash('张三', '310101199801011235')).not.toBe(certHash('张三', '310101199801011234'))
})

test('out_seq_no: generated ones are valid and distinct; the rule is 5–32 of [A-Za-z0-9_-]', async () => {
  const a = newOutSeqNo()
  expect(isValidOutSeqNo(a)).toBe(true)
  expect(a).not.toBe(newOutSeqNo())
  expect(['abcd', 'a'.repeat(33), 'abc de', 'abc.de', '订单12345'].map(isValidOutSeqNo)).toEqual([false, false, false, false, false])
  expect(['abcde', 'a'.repeat(32), 'A-b_9'].map(isValidOutSeqNo)).toEqual([true, true, true])
  await expect(wx.client.getVerifyId({ outSeqNo: 'bad!', ...person })).rejects.toThrow(RangeError)
  expect(wx.fake.calls).toHaveLength(0)
})

test('getVerifyId sends out_seq_no, cert_info and openid with the access token and returns the verify_id', async () => {
  const outSeqNo = newOutSeqNo()
  const r = await wx.client.getVerifyId({ outSeqNo, ...person })
  expect(r.expiresInSeconds).toBe(3600)
  const [call] = apiCalls('/getverifyid')
  expect(call!.method).toBe('POST')
  expect(call!.query.access_token).toBe(wx.fake.currentToken)
  expect(call!.body).toEqual({ out_seq_no: outSeqNo, cert_info: { cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' }, openid: person.openid })
  expect(r.verifyId).toBe(call!.answer!.verify_id)
  expect(JSON.stringify(r)).not.toMatch(/张三|310101199801011234/)
})

test('verify_ret 10000 passes; queryverifyinfo carries verify_id, out_seq_no, cert_hash and openid', async () => {
  const s = await start()
  wx.fake.faces.set(s.outSeqNo, { verifyRet: 10000 })
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: true, verifyRet: 10000 })
  expect(apiCalls('/queryverifyinfo')[0]!.body).toEqual({
    verify_id: s.verifyId, out_seq_no: s.outSeqNo, cert_hash: certHash('张三', '310101199801011234'), openid: person.openid,
  })
})

test('a check nobody finished (the client may still claim success) is not passed', async () => {
  const s = await start()
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: false, verifyRet: 90002 })
})

test.each([90001, 90002, 90008, 90017, 90199, 10003, 10004])('verify_ret %i → not passed, a result rather than an error', async (verifyRet) => {
  const s = await start()
  wx.fake.faces.set(s.verifyId, { verifyRet })
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: false, verifyRet })
})

test('a 90xxx outcome reported as an errcode is a not-passed result too', async () => {
  const s = await start()
  wx.fake.faces.set(s.outSeqNo, { errcode: 90017 })
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: false, verifyRet: 90017 })
})

test('errcode 0 without verify_ret is not a pass', async () => {
  const s = await start()
  wx.fake.queue.push({ path: '/cityservice/face/identify/queryverifyinfo', answer: { status: 200, body: '{"errcode":0,"errmsg":"ok"}' } })
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: false, verifyRet: null })
})

test('cert_hash mismatch: a passed face of one identity cannot be claimed for another (WeChat refuses; 502, never passed)', async () => {
  const s = await start()
  wx.fake.faces.set(s.outSeqNo, { verifyRet: 10000 })
  const e = await failure(wx.client.queryVerifyInfo({ ...s, certNo: '110101199003077777' }))
  expect(apiCalls('/queryverifyinfo')[0]!.answer!.errcode).toBe(FACE_ERRCODES.certHashMismatch)
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', `wechat queryverifyinfo errcode ${FACE_ERRCODES.certHashMismatch}`])
  expect(e.message).toBe(FACE_UNAVAILABLE_MESSAGE)
  expect(`${e.message} ${String(e.cause)}`).not.toMatch(/张三|310101199801011234|110101199003077777/)
  // The genuine request still passes: the refusal was about the mismatch, not the wx.client.
  await expect(wx.client.queryVerifyInfo(s)).resolves.toMatchObject({ passed: true })
})

test.each([
  ['another openid', { openid: 'o-someone-else' }, FACE_ERRCODES.openidMismatch],
  ['another out_seq_no', { outSeqNo: 'other-seq-no-1' }, FACE_ERRCODES.outSeqNoMismatch],
  ['an unknown verify_id', { verifyId: 'fake-vid-forged' }, FACE_ERRCODES.verifyIdInvalid],
  ['another name', { certName: '李四' }, FACE_ERRCODES.certHashMismatch],
] as const)('%s → refused by WeChat, 502, never passed', async (_name, change, errcode) => {
  const s = await start()
  wx.fake.faces.set(s.outSeqNo, { verifyRet: 10000 })
  wx.fake.faces.set(s.verifyId, { verifyRet: 10000 })
  const e = await failure(wx.client.queryVerifyInfo({ ...s, ...change }))
  expect(e.cause).toBe(`wechat queryverifyinfo errcode ${errcode}`)
})

test('an expired verify_id is refused', async () => {
  const quick = await startWechatServer({ verifyIdLifetimeSeconds: 0 })
  try {
    const cfg = { appId: quick.appId, secret: quick.secret, apiBase: quick.url }
    await wx.h.db.delete(platformTokens)
    const f = new WechatFaceVerifier(cfg, wx.tokens(cfg))
    const outSeqNo = newOutSeqNo()
    const { verifyId } = await f.getVerifyId({ outSeqNo, ...person })
    quick.faces.set(outSeqNo, { verifyRet: 10000 })
    const e = await failure(f.queryVerifyInfo({ verifyId, outSeqNo, ...person }))
    expect(e.cause).toBe(`wechat queryverifyinfo errcode ${FACE_ERRCODES.verifyIdInvalid}`)
  } finally {
    await quick.close()
  }
})

test('an out_seq_no used before is refused by getverifyid (unique per appid)', async () => {
  const s = await start()
  const e = await failure(wx.client.getVerifyId({ outSeqNo: s.outSeqNo, ...person }))
  expect([e.status, e.cause]).toEqual([502, `wechat getverifyid errcode ${FACE_ERRCODES.outSeqNoUsed}`])
})

test.each([
  ['revoked (40001)', () => wx.fake.revokeTokens(), 40001],
  ['expired (42001)', () => wx.fake.expireTokens(), 42001],
])('an access token WeChat no longer takes — %s — is invalidated and the call retried once with a fresh one', async (_name, breakIt, errcode) => {
  const s = await start()
  const old = wx.fake.currentToken
  breakIt()
  wx.fake.faces.set(s.outSeqNo, { verifyRet: 10000 })
  await expect(wx.client.queryVerifyInfo(s)).resolves.toEqual({ passed: true, verifyRet: 10000 })
  const queries = apiCalls('/queryverifyinfo')
  expect(queries.map((c) => c.answer!.errcode)).toEqual([errcode, 0])
  expect(queries[0]!.query.access_token).toBe(old)
  expect(queries[1]!.query.access_token).toBe(wx.fake.currentToken)
  expect(wx.fake.currentToken).not.toBe(old)
  expect(wx.fake.calls.filter((c) => c.path === '/cgi-bin/stable_token')).toHaveLength(2)
})

test('a token refused twice → 502, after exactly two attempts', async () => {
  const s = await start()
  const path = '/cityservice/face/identify/queryverifyinfo'
  wx.fake.queue.push({ path, answer: { errcode: 40001 } }, { path, answer: { errcode: 40014 } }, { path, answer: { errcode: 40001 } })
  const e = await failure(wx.client.queryVerifyInfo(s))
  expect(e.cause).toBe('wechat queryverifyinfo errcode 40014 after a fresh access_token')
  expect(apiCalls('/queryverifyinfo')).toHaveLength(2)
})

test.each([
  ['busy (-1)', { errcode: -1 }, 'wechat getverifyid errcode -1'],
  ['no face permission (48001)', { errcode: 48001 }, 'wechat getverifyid errcode 48001'],
  ['HTTP 503', { status: 503, body: '' }, 'wechat getverifyid http 503'],
  ['malformed JSON', { status: 200, body: '{"verify_id":' }, 'wechat getverifyid answered malformed JSON'],
  ['no verify_id', { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }, 'wechat getverifyid answered without verify_id'],
] as const)('getverifyid %s → 502 with the face message', async (_name, answer, cause) => {
  wx.fake.queue.push({ path: '/cityservice/face/identify/getverifyid', answer })
  const e = await failure(wx.client.getVerifyId({ outSeqNo: newOutSeqNo(), ...person }))
  expect([e.status, e.code, e.message, e.cause]).toEqual([502, 'platform_unavailable', FACE_UNAVAILABLE_MESSAGE, cause])
})

test('a WeChat that never answers → 502 after the timeout; a token store failure keeps its diagnostic', async () => {
  const quick = new WechatFaceVerifier(wx.cfg, wx.tokens(), { timeoutMs: 200 })
  wx.fake.queue.push({ path: '/cityservice/face/identify/getverifyid', answer: { hang: true } })
  expect((await failure(quick.getVerifyId({ outSeqNo: newOutSeqNo(), ...person }))).cause).toBe('wechat getverifyid timed out after 200 ms')

  const wrong = { ...wx.cfg, secret: 'wrong' }
  await wx.h.db.delete(platformTokens)
  const broken = new WechatFaceVerifier(wrong, wx.tokens(wrong))
  const e = await failure(broken.getVerifyId({ outSeqNo: newOutSeqNo(), ...person }))
  expect([e.status, e.message, e.cause]).toEqual([502, FACE_UNAVAILABLE_MESSAGE, 'wechat stable_token errcode 40125'])
})
