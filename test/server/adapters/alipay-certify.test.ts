// The Alipay certify client (alipay-sdk underneath) against the fake gateway: initialize, signed certify URL, query.
import { createVerify } from 'node:crypto'
import {
  AlipayCertifier, CERTIFY_REFUSED_MESSAGE, CERTIFY_UNAVAILABLE_MESSAGE, newOuterOrderNo,
} from '../../../server/adapters/alipay-certify'
import type { AlipayConfig } from '../../../server/config'
import { AppError } from '../../../server/domain/errors'
import { generateRsaKeyPair, signContent, startAlipayGateway, type FakeAlipayGateway, type RsaKeyPair } from '../../fakes/alipay-gateway'

let app: RsaKeyPair
let fake: FakeAlipayGateway
let cfg: AlipayConfig
let certifier: AlipayCertifier
const person = { certName: '张三', certNo: '310101199801011234' }
const INITIALIZE = 'alipay.user.certify.open.initialize'
const QUERY = 'alipay.user.certify.open.query'

beforeAll(async () => {
  app = generateRsaKeyPair()
  fake = await startAlipayGateway({ appPublicKey: app.publicKeyBase64 })
  cfg = { appId: fake.appId, privateKey: app.privateKeyBase64, alipayPublicKey: fake.alipayKeys.publicKeyBase64, gateway: fake.url }
  certifier = new AlipayCertifier(cfg, { timeoutMs: 2000 })
})
afterAll(async () => { await fake.close() })
beforeEach(() => { fake.calls.length = 0; fake.certifyOutcomes.clear(); fake.queue.length = 0 })

async function failure (p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err)
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`)
  return e
}

test('newOuterOrderNo: 32 letters and digits, fresh each time', () => {
  const a = newOuterOrderNo()
  expect(a).toMatch(/^[A-Za-z0-9]{32}$/)
  expect(a).not.toBe(newOuterOrderNo())
})

test('initialize: a signed request with outer_order_no, biz_code FACE, identity_param and merchant_config → certify_id', async () => {
  const outerOrderNo = newOuterOrderNo()
  const certifyId = await certifier.initialize({ outerOrderNo, ...person })
  const call = fake.calls[0]!
  expect(call.signatureValid).toBe(true)
  expect(createVerify('RSA-SHA256').update(signContent(call.params)).verify(app.publicKey, call.params.sign!, 'base64')).toBe(true)
  expect(call.params).toMatchObject({ app_id: fake.appId, method: INITIALIZE, sign_type: 'RSA2', charset: 'utf-8', version: '1.0' })
  expect(JSON.parse(call.params.biz_content!)).toEqual({
    outer_order_no: outerOrderNo, biz_code: 'FACE',
    identity_param: { identity_type: 'CERT_INFO', cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' },
    merchant_config: { return_url: `alipays://platformapi/startapp?appId=${fake.appId}` },
  })
  expect(fake.certifications.get(certifyId)).toMatchObject({ outerOrderNo, certName: '张三', certNo: '310101199801011234' })
})

test('bizCode and returnUrl can be chosen', async () => {
  const c = new AlipayCertifier(cfg, { returnUrl: 'https://example.org/back' })
  const certifyId = await c.initialize({ outerOrderNo: newOuterOrderNo(), bizCode: 'SMART_FACE', ...person })
  expect(fake.certifications.get(certifyId)).toMatchObject({ bizCode: 'SMART_FACE', returnUrl: 'https://example.org/back' })
})

test('a bad outer_order_no is refused before any call', async () => {
  await expect(certifier.initialize({ outerOrderNo: 'has-dash', ...person })).rejects.toThrow(RangeError)
  await expect(certifier.initialize({ outerOrderNo: 'a'.repeat(33), ...person })).rejects.toThrow(RangeError)
  expect(fake.calls).toHaveLength(0)
})

test('certifyUrl: a GET URL on the gateway, RSA2-signed, which the gateway accepts; a changed certify_id is refused', async () => {
  const certifyId = await certifier.initialize({ outerOrderNo: newOuterOrderNo(), ...person })
  const url = certifier.certifyUrl(certifyId)
  expect(url.startsWith(`${fake.url}?`)).toBe(true)
  const params = Object.fromEntries(new URL(url).searchParams)
  expect(params).toMatchObject({ app_id: fake.appId, method: 'alipay.user.certify.open.certify', sign_type: 'RSA2' })
  expect(JSON.parse(params.biz_content!)).toEqual({ certify_id: certifyId })
  expect(url).not.toMatch(/310101199801011234|%E5%BC%A0%E4%B8%89/) // the URL names no one

  fake.calls.length = 0
  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(fake.calls[0]!.signatureValid).toBe(true)

  const other = await certifier.initialize({ outerOrderNo: newOuterOrderNo(), ...person })
  const forged = new URL(url)
  forged.searchParams.set('biz_content', JSON.stringify({ certify_id: other }))
  fake.calls.length = 0
  expect((await fetch(forged)).status).toBe(400)
  expect(fake.calls[0]!.signatureValid).toBe(false)
})

test('query: "F" until the person passes, "T" once they did; the request is signed with the certify_id', async () => {
  const outerOrderNo = newOuterOrderNo()
  const certifyId = await certifier.initialize({ outerOrderNo, ...person })
  await expect(certifier.query(certifyId)).resolves.toEqual({ passed: false })
  fake.certifyOutcomes.set(outerOrderNo, { passed: true })
  await expect(certifier.query(certifyId)).resolves.toEqual({ passed: true })
  const q = fake.calls.filter((c) => c.params.method === QUERY)
  expect(q.map((c) => c.signatureValid)).toEqual([true, true])
  expect(JSON.parse(q[0]!.params.biz_content!)).toEqual({ certify_id: certifyId })
})

test.each([
  ['tampered ("F" turned into "T" after signing)', 'tampered'],
  ['signed with a key that is not Alipay\'s', 'foreign-key'],
  ['not signed', 'missing'],
] as const)('a query answer %s is refused (502), never a pass', async (_name, signing) => {
  const certifyId = await certifier.initialize({ outerOrderNo: newOuterOrderNo(), ...person })
  fake.certifyOutcomes.set(certifyId, { passed: false, signing })
  const e = await failure(certifier.query(certifyId))
  expect([e.status, e.code, e.message]).toEqual([502, 'platform_unavailable', CERTIFY_UNAVAILABLE_MESSAGE])
  if (signing === 'tampered') expect(JSON.parse(fake.calls.at(-1)!.answer!).alipay_user_certify_open_query_response.passed).toBe('T')
})

test('an unknown certify_id → signed 40004 → 403 platform_rejected', async () => {
  const e = await failure(certifier.query('0123456789abcdef0123456789abcdef'))
  expect([e.status, e.code, e.message, e.cause]).toEqual([403, 'platform_rejected', CERTIFY_REFUSED_MESSAGE,
    'alipay alipay.user.certify.open.query code 40004 sub_code CERTIFY_ID_INVALID'])
})

test('a reused outer_order_no is refused by the gateway', async () => {
  const outerOrderNo = newOuterOrderNo()
  await certifier.initialize({ outerOrderNo, ...person })
  const e = await failure(certifier.initialize({ outerOrderNo, ...person }))
  expect(e.cause).toBe(`alipay ${INITIALIZE} code 40004 sub_code OUTER_ORDER_NO_DUPLICATE`)
})

test.each([
  ['a business refusal inside the response (40004)', { responseError: { code: '40004', msg: 'Business Failed', sub_code: 'CERT_NO_NAME_NOT_MATCH' } }, 403],
  ['service unavailable (20000)', { error: { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error' } }, 502],
  ['no permission for the product (40006)', { error: { code: '40006', msg: 'Insufficient Permissions', sub_code: 'isv.insufficient-isv-permissions' } }, 502],
  ['an error answer with a bad signature', { error: { code: '40004', msg: 'Business Failed' }, signing: 'foreign-key' }, 502],
  ['HTTP 502', { status: 502, body: '<html></html>' }, 502],
  ['a success without certify_id', { responseError: { code: '10000', msg: 'Success' } }, 502],
] as const)('initialize: %s → %i', async (_name, answer, status) => {
  fake.queue.push({ method: INITIALIZE, answer })
  const e = await failure(certifier.initialize({ outerOrderNo: newOuterOrderNo(), ...person }))
  expect(e.status).toBe(status)
  expect(`${e.message} ${String(e.cause)}`).not.toMatch(/张三|310101199801011234/)
})

test('a request signed with the wrong app key is refused by the gateway → 502', async () => {
  const stranger = new AlipayCertifier({ ...cfg, privateKey: generateRsaKeyPair().privateKeyBase64 })
  const e = await failure(stranger.initialize({ outerOrderNo: newOuterOrderNo(), ...person }))
  expect(fake.calls[0]!.signatureValid).toBe(false)
  expect([e.status, e.cause]).toEqual([502, `alipay ${INITIALIZE} code 40002 sub_code isv.invalid-signature`])
})

test('a gateway that never answers → 502 after the timeout', async () => {
  const quick = new AlipayCertifier(cfg, { timeoutMs: 200 })
  const certifyId = await quick.initialize({ outerOrderNo: newOuterOrderNo(), ...person })
  fake.queue.push({ method: QUERY, answer: { hang: true } })
  const e = await failure(quick.query(certifyId))
  expect([e.status, e.cause]).toEqual([502, `alipay ${QUERY} network error or timeout`])
})
