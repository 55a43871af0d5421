// Face check as step-up verification, through the real WeChat face 2.0 client and the fake WeChat server: the
// server starts it with the person's own ID card and openid, and only its own query decides.
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { consentedSession, giveConsents } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { generateRsaKeyPair, startAlipayGateway, type FakeAlipayGateway } from '../../../../../fakes/alipay-gateway'

let wx: FakeWechatServer; let t: TestApp
beforeAll(async () => {
  wx = await startWechatServer({ appId: 'wx-face-app', secret: 'wx-face-secret' })
  t = await makeTestApp({ env: { WECHAT_APPID: 'wx-face-app', WECHAT_SECRET: 'wx-face-secret', WECHAT_API_BASE: wx.url } })
})
afterAll(async () => { await t.close(); await wx.close() })

type Err = { error: { code: string; message: string } }
const as = (token: string) => ({ authorization: `Bearer ${token}` })
let codeNo = 0
async function wechatSession (openid: string): Promise<string> {
  const code = `face-code-${++codeNo}`
  wx.answers.set(code, { openid })
  return (await consentedSession(t, code)).token
}

test('a bound WeChat session verifies by face: the platform is asked with the person\'s own ID card', async () => {
  const token = await wechatSession('dev-wechat-demo-1') // bound to demo person 1 by the demo data
  expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).json() as Err).error.code).toBe('verification_required')
  const methods = (await t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })).json() as { methods: { method: string; available: boolean }[] }
  expect(methods.methods.find((m) => m.method === 'face')!.available).toBe(true)

  const start = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(token) })
  expect(start.statusCode).toBe(200)
  const begun = start.json() as { checkId: number; platform: string; verifyId: string }
  expect(begun.platform).toBe('wechat')
  const p = demoPerson(1)
  expect(start.body).not.toContain(p.idNumber)
  const asked = wx.calls.find((c) => c.path.endsWith('/getverifyid'))!.body as { cert_info: { cert_name: string; cert_no: string }; openid: string }
  expect(asked.cert_info).toMatchObject({ cert_name: p.name, cert_no: p.idNumber })
  expect(asked.openid).toBe('dev-wechat-demo-1')

  wx.faces.set(begun.verifyId, { verifyRet: 10000 })
  const result = await t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${begun.checkId}/result`, headers: as(token) })
  expect(result.statusCode).toBe(200)
  expect(result.json()).toMatchObject({ passed: true, message: '验证通过' })
  expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)

  // Decided once: asking again is over.
  const again = await t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${begun.checkId}/result`, headers: as(token) })
  expect(again.statusCode).toBe(410)
})

test('a face that does not pass (or a cancelled camera) leaves the session unverified', async () => {
  const token = await wechatSession('dev-wechat-demo-2')
  const begun = (await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(token) })).json() as { checkId: number; verifyId: string }
  wx.faces.set(begun.verifyId, { verifyRet: 90002 }) // the person cancelled; the client callback may still say "success"
  const result = await t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${begun.checkId}/result`, headers: as(token) })
  expect(result.json()).toMatchObject({ passed: false, verifiedUntil: null })
  expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).json() as Err).error.code).toBe('verification_required')
})

test('a check belongs to the session that started it', async () => {
  const mine = await wechatSession('dev-wechat-demo-1')
  const other = await wechatSession('dev-wechat-demo-1')
  const begun = (await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(mine) })).json() as { checkId: number; verifyId: string }
  wx.faces.set(begun.verifyId, { verifyRet: 10000 })
  const stolen = await t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${begun.checkId}/result`, headers: as(other) })
  expect(stolen.statusCode).toBe(404)
  expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(other) })).json() as Err).error.code).toBe('verification_required')
})

test('without a platform identity (SMS or password login) face check is not offered', async () => {
  const p = demoPerson(3)
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: { idNumber: p.idNumber, password: p.queryPassword } })
  const token = (login.json() as { token: string }).token
  const methods = (await t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: as(token) })).json() as { methods: { method: string; available: boolean; reason?: string }[] }
  expect(methods.methods.find((m) => m.method === 'face')).toMatchObject({ available: false })
  const start = await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(token) })
  expect(start.statusCode).toBe(403)
  expect((start.json() as Err).error.code).toBe('face_unavailable')
})

describe('Alipay certify through the real signed client and the fake gateway', () => {
  let gw: FakeAlipayGateway; let a: TestApp
  beforeAll(async () => {
    const appKeys = generateRsaKeyPair()
    gw = await startAlipayGateway({ appPublicKey: appKeys.publicKey })
    a = await makeTestApp({
      env: { ALIPAY_APP_ID: gw.appId, ALIPAY_PRIVATE_KEY: appKeys.privateKeyBase64, ALIPAY_PUBLIC_KEY: gw.alipayKeys.publicKeyBase64, ALIPAY_GATEWAY: gw.url },
    })
  })
  afterAll(async () => { await a.close(); await gw.close() })

  test('start returns the certify id and signed URL; only the gateway\'s "T" verifies', async () => {
    gw.answers.set('ali-face-1', { openId: 'dev-alipay-demo-4' })
    const login = await a.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'alipay', code: 'ali-face-1' } })
    const token = (login.json() as { token: string }).token
    await giveConsents(a, token)
    const start = await a.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(token) })
    expect(start.statusCode).toBe(200)
    const begun = start.json() as { checkId: number; platform: string; certifyId: string; url: string }
    expect(begun.platform).toBe('alipay')
    expect(begun.url).toContain('alipay.user.certify.open.certify')
    const cert = gw.certifications.get(begun.certifyId)!
    expect(cert).toMatchObject({ certName: demoPerson(4).name, certNo: demoPerson(4).idNumber, bizCode: 'FACE' })

    const failed = await a.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${begun.checkId}/result`, headers: as(token) })
    expect(failed.json()).toMatchObject({ passed: false }) // the gateway's default is "F"

    const second = (await a.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(token) })).json() as { checkId: number; certifyId: string }
    gw.certifyOutcomes.set(second.certifyId, { passed: true })
    const ok = await a.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${second.checkId}/result`, headers: as(token) })
    expect(ok.json()).toMatchObject({ passed: true })
    expect((await a.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
  })
})
