// The real Alipay exchanger (alipay-sdk underneath) against the fake OpenAPI gateway, over HTTP, RSA2 both ways.
import { createVerify } from 'node:crypto'
import { AlipayCodeExchanger, normalizeRsaKey, topLevelMembers } from '../../../server/adapters/alipay'
import type { AlipayConfig } from '../../../server/config'
import { AppError } from '../../../server/domain/errors'
import { messageFor } from '../../../server/domain/messages'
import { generateRsaKeyPair, signContent, startAlipayGateway, type FakeAlipayGateway, type RsaKeyPair } from '../../fakes/alipay-gateway'

let app: RsaKeyPair
let fake: FakeAlipayGateway
let cfg: AlipayConfig
let alipay: AlipayCodeExchanger

beforeAll(async () => {
  app = generateRsaKeyPair()
  fake = await startAlipayGateway({ appPublicKey: app.publicKeyBase64 })
  // Bare base64 keys, the way Alipay's console and key tool hand them out.
  cfg = { appId: fake.appId, privateKey: app.privateKeyBase64, alipayPublicKey: fake.alipayKeys.publicKeyBase64, gateway: fake.url }
  alipay = new AlipayCodeExchanger(cfg, { timeoutMs: 2000 })
})
afterAll(async () => { await fake.close() })
beforeEach(() => { fake.calls.length = 0; fake.answers.clear() })

/** Codes are single-use at the fake too, so every exchange gets its own. */
let n = 0
const fresh = () => `code-${++n}`

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

test('a good code: the request is RSA2-signed with grant_type and code, the answer verified, open_id is the subject', async () => {
  fake.answers.set('auth-1', { userId: '2088000000000001', openId: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
  const info = await alipay.exchange('auth-1')
  expect(info).toEqual({ platform: 'alipay', subject: '074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5' })
  const call = fake.calls[0]!
  expect(call.signatureValid).toBe(true)
  expect(call.params).toMatchObject({
    app_id: fake.appId, method: 'alipay.system.oauth.token', charset: 'utf-8', sign_type: 'RSA2', version: '1.0',
    grant_type: 'authorization_code', code: 'auth-1',
  })
  expect(call.params.biz_content).toBeUndefined()
  expect(call.params.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
  // Independent check of the request signature with node:crypto (the fake's verdict is not taken on trust).
  expect(createVerify('RSA-SHA256').update(signContent(call.params)).verify(app.publicKey, call.params.sign!, 'base64')).toBe(true)
  // The access token stays inside the adapter.
  const accessToken = JSON.parse(call.answer!).alipay_system_oauth_token_response.access_token as string
  expect(accessToken).toMatch(/^authbseB/)
  expect(JSON.stringify(info)).not.toContain(accessToken)
})

test('without open_id the subject is user_id', async () => {
  fake.answers.set('auth-2', { userId: '2088000000000002' })
  await expect(alipay.exchange('auth-2')).resolves.toEqual({ platform: 'alipay', subject: '2088000000000002' })
})

test('PEM keys work as well as bare base64', async () => {
  const pem = new AlipayCodeExchanger({ ...cfg, privateKey: app.privateKey, alipayPublicKey: fake.alipayKeys.publicKey })
  fake.answers.set('auth-pem', { userId: '2088000000000003' })
  await expect(pem.exchange('auth-pem')).resolves.toMatchObject({ subject: '2088000000000003' })
  expect(fake.calls[0]!.signatureValid).toBe(true)
})

test.each([
  ['an unknown code', undefined],
  ['isv.code-invalid', { error: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid', sub_msg: '授权码code无效' } }],
  ['isv.code-invalid inside the method response', { responseError: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid' } }],
] as const)('%s → 401 invalid_login_code', async (_name, answer) => {
  if (answer) fake.answers.set('bad-code', answer)
  const e = await failure(alipay.exchange('bad-code'))
  expect([e.status, e.code]).toEqual([401, 'invalid_login_code'])
  expect(e.message).toBe(messageFor('invalid_login_code'))
  expect(e.cause).toBe('alipay alipay.system.oauth.token code 40002 sub_code isv.code-invalid')
})

test('a code used twice: the second exchange is 401', async () => {
  fake.answers.set('once', { userId: '2088000000000009' })
  await expect(alipay.exchange('once')).resolves.toMatchObject({ subject: '2088000000000009' })
  const e = await failure(alipay.exchange('once'))
  expect([e.status, e.code]).toEqual([401, 'invalid_login_code'])
})

test('40004 business refusal → 403 platform_rejected', async () => {
  const code = fresh()
  fake.answers.set(code, { error: { code: '40004', msg: 'Business Failed', sub_code: 'isv.user-state-invalid' } })
  const e = await failure(alipay.exchange(code))
  expect([e.status, e.code]).toEqual([403, 'platform_rejected'])
})

test.each([
  ['20000 service unavailable', { error: { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' } }],
  ['40006 missing permission', { error: { code: '40006', msg: 'Insufficient Permissions', sub_code: 'isv.insufficient-isv-permissions' } }],
  ['HTTP 502', { status: 502, body: '<html>bad gateway</html>' }],
  ['malformed JSON', { status: 200, body: '{"alipay_system_oauth_token_response":{' }],
  ['an answer without user_id and open_id', { openId: '' }],
] as const)('%s → 502 platform_unavailable', async (_name, answer) => {
  const code = fresh()
  fake.answers.set(code, answer)
  const e = await failure(alipay.exchange(code))
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
  expect(e.message).toBe(messageFor('platform_unavailable'))
})

test.each([
  ['tampered after signing', 'tampered'],
  ['signed with a key that is not Alipay\'s', 'foreign-key'],
  ['not signed', 'missing'],
] as const)('a success answer %s is refused (502), never a login', async (_name, signing) => {
  const code = fresh()
  fake.answers.set(code, { userId: '2088000000000004', signing })
  const e = await failure(alipay.exchange(code))
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
  // Refused by the signature check, not by some other accident: tampered / foreign answers fail the SDK's
  // verification, an unsigned one has no signature to verify at all.
  expect(e.cause).toBe(signing === 'missing' ? 'alipay alipay.system.oauth.token failed (TypeError)'
    : 'alipay alipay.system.oauth.token answer refused (bad signature, status or format)')
  expect(fake.calls[0]!.signatureValid).toBe(true) // the request was fine; the answer was not
})

test('an error answer with a bad signature is not trusted either (502, not 401)', async () => {
  const code = fresh()
  fake.answers.set(code, { error: { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.code-invalid' }, signing: 'foreign-key' })
  const e = await failure(alipay.exchange(code))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'alipay alipay.system.oauth.token error_response has a bad signature'])
})

test('the gateway refuses a request signed with the wrong app key (40002 isv.invalid-signature) → 502', async () => {
  const stranger = generateRsaKeyPair()
  const wrongKey = new AlipayCodeExchanger({ ...cfg, privateKey: stranger.privateKeyBase64 })
  const code = fresh()
  fake.answers.set(code, { userId: '2088000000000005' })
  const e = await failure(wrongKey.exchange(code))
  expect(fake.calls[0]!.signatureValid).toBe(false)
  expect(JSON.parse(fake.calls[0]!.answer!).error_response.sub_code).toBe('isv.invalid-signature')
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'alipay alipay.system.oauth.token code 40002 sub_code isv.invalid-signature'])
})

test('a wrong app id is refused by the gateway → 502', async () => {
  const wrongApp = new AlipayCodeExchanger({ ...cfg, appId: '2021999999999999' })
  const e = await failure(wrongApp.exchange(fresh()))
  expect(JSON.parse(fake.calls[0]!.answer!).error_response.sub_code).toBe('isv.invalid-app-id')
  expect([e.status, e.code]).toEqual([502, 'platform_unavailable'])
})

test('a gateway that never answers → 502 after the timeout', async () => {
  const quick = new AlipayCodeExchanger(cfg, { timeoutMs: 200 })
  fake.answers.set('slow', { hang: true })
  const e = await failure(quick.exchange('slow'))
  expect([e.status, e.code, e.cause]).toEqual([502, 'platform_unavailable', 'alipay alipay.system.oauth.token network error or timeout'])
})

test('keys: PEM, escaped PEM and bare base64 agree; wrong or swapped keys are refused at start', () => {
  const fromB64 = normalizeRsaKey(app.privateKeyBase64, 'private', 'K')
  expect(normalizeRsaKey(app.privateKey, 'private', 'K')).toBe(fromB64)
  expect(normalizeRsaKey(app.privateKey.replace(/\n/g, '\\n'), 'private', 'K')).toBe(fromB64)
  expect(normalizeRsaKey(app.publicKey, 'public', 'K')).toBe(app.publicKeyBase64)
  expect(() => normalizeRsaKey('not a key', 'private', 'ALIPAY_PRIVATE_KEY')).toThrow(/ALIPAY_PRIVATE_KEY is not an RSA private key/)
  expect(() => normalizeRsaKey(app.privateKey, 'public', 'ALIPAY_PUBLIC_KEY')).toThrow(/ALIPAY_PUBLIC_KEY/)
  expect(() => new AlipayCodeExchanger({ ...cfg, alipayPublicKey: 'MIIB' })).toThrow(/ALIPAY_PUBLIC_KEY/)
})

test('topLevelMembers returns the exact raw text of each member', () => {
  const raw = '{"error_response":{"code":"40002","sub_msg":"授权码\\"code\\"无效 {x}"} , "sign":"ab+/="}'
  const m = topLevelMembers(raw)!
  expect(m.get('error_response')).toBe('{"code":"40002","sub_msg":"授权码\\"code\\"无效 {x}"}')
  expect(m.get('sign')).toBe('"ab+/="')
  expect(topLevelMembers('{"a":1')).toBeUndefined()
  expect(topLevelMembers('{"a":1} trailing')).toBeUndefined()
})
