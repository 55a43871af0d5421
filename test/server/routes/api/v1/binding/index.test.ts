// Real-name binding of an unbound platform login: name + ID number against the record, proved by a face check where
// the platform offers one (the real WeChat face 2.0 client against the fake WeChat server), else by an SMS code.
import { makeTestApp, smsSent, type TestApp } from '../../../../../support/app'
import { consentedSession, giveConsents } from '../../../../../support/consent'
import { demoPerson } from '../../../../../support/demo'
import { startWechatServer, type FakeWechatServer } from '../../../../../fakes/wechat-server'
import { generateRsaKeyPair, startAlipayGateway, type FakeAlipayGateway } from '../../../../../fakes/alipay-gateway'

type Err = { error: { code: string; message: string } }
type State = { nameMasked: string; idNumberMasked: string; phoneMasked: string; faceFailures: number; proofs: { method: string; available: boolean; reason?: string }[] }
const as = (token: string) => ({ authorization: `Bearer ${token}` })
const proof = (s: State, m: string) => s.proofs.find((p) => p.method === m)!

/** Changes one digit of the sequence part and recomputes the GB 11643 check digit: a valid number nobody has. */
function someoneElsesIdNumber (id: string): string {
  const first17 = id.slice(0, 14) + String((Number(id[14]) + 1) % 10) + id.slice(15, 17)
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = first17.split('').reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0)
  return first17 + '10X98765432'[sum % 11]!
}

async function codeFor (t: TestApp, phone: string, purpose: string): Promise<string> {
  const box = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${phone}`, headers: t.adminHeaders })
  return (box.json() as { items: { code: string; purpose: string }[] }).items.find((i) => i.purpose === purpose)!.code
}

describe('with face check (WeChat credentials, fake WeChat server)', () => {
  let wx: FakeWechatServer; let t: TestApp
  beforeAll(async () => {
    wx = await startWechatServer({ appId: 'wx-bind-app', secret: 'wx-bind-secret' })
    t = await makeTestApp({ env: { WECHAT_APPID: 'wx-bind-app', WECHAT_SECRET: 'wx-bind-secret', WECHAT_API_BASE: wx.url } })
  })
  afterAll(async () => { await t.close(); await wx.close() })

  let codeNo = 0
  async function login (openid: string): Promise<{ token: string; bound: boolean }> {
    const code = `bind-code-${++codeNo}`
    wx.answers.set(code, { openid })
    // As the app does right after login: the identity's consents become the person's when it binds.
    return consentedSession(t, code)
  }
  const startBinding = (token: string, name: string, idNumber: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/binding', headers: as(token), payload: { name, idNumber } })

  test('name + ID number, then a face check the server asks WeChat about: bound, verified, and remembered', async () => {
    const p = demoPerson(2)
    const { token, bound } = await login('o-new-wechat-user-1')
    expect(bound).toBe(false)
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).json() as Err).error.code).toBe('binding_required')

    const started = await startBinding(token, p.name, p.idNumber)
    expect(started.statusCode).toBe(200)
    const state = started.json() as State
    // Before any proof, only the last 4 digits of the phone: name + ID number are not a secret.
    expect(state).toMatchObject({ nameMasked: p.maskedName, phoneMasked: `*******${p.phone.slice(-4)}`, faceFailures: 0 })
    expect(state.idNumberMasked).toBe(`${p.idNumber.slice(0, 3)}***********${p.idNumber.slice(14)}`)
    expect(proof(state, 'face').available).toBe(true)
    expect(proof(state, 'sms')).toMatchObject({ available: false })
    for (const raw of [p.idNumber, p.phone, p.name]) expect(started.body).not.toContain(raw)

    // Face is offered, so an SMS code is not (yet).
    const sms = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms-codes', headers: as(token) })
    expect(sms.statusCode).toBe(403)
    expect((sms.json() as Err).error.code).toBe('binding_proof_unavailable')

    const begun = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).json() as { checkId: number; verifyId: string }
    const asked = wx.calls.filter((c) => c.path.endsWith('/getverifyid')).at(-1)!.body as { cert_info: { cert_name: string; cert_no: string }; openid: string }
    expect(asked).toMatchObject({ openid: 'o-new-wechat-user-1', cert_info: { cert_name: p.name, cert_no: p.idNumber } })
    wx.faces.set(begun.verifyId, { verifyRet: 10000 })
    const result = await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${begun.checkId}/result`, headers: as(token) })
    expect(result.statusCode).toBe(200)
    expect(result.json()).toMatchObject({ passed: true, message: '绑定成功' })

    const account = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })
    expect(account.statusCode).toBe(200)
    expect((account.json() as { maskedName: string }).maskedName).toBe(p.maskedName)
    // The next login of this WeChat user is bound (not verified: a platform login never is).
    const again = await login('o-new-wechat-user-1')
    expect(again.bound).toBe(true)
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(again.token) })).json() as Err).error.code).toBe('verification_required')
    // Done is done: no second binding on the bound session.
    expect(((await startBinding(token, p.name, p.idNumber)).json() as Err).error.code).toBe('already_bound')
  })

  test('two face checks that do not pass open the SMS code to the phone on file', async () => {
    const p = demoPerson(4)
    const { token } = await login('o-new-wechat-user-2')
    expect((await startBinding(token, ` ${p.name} `, p.idNumber.toLowerCase())).statusCode).toBe(200)
    for (const n of [1, 2]) {
      const begun = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).json() as { checkId: number; verifyId: string }
      wx.faces.set(begun.verifyId, { verifyRet: 90100 + n }) // not this person / timed out: the client may still say "success"
      const result = await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${begun.checkId}/result`, headers: as(token) })
      expect(result.json()).toMatchObject({ passed: false, verifiedUntil: null, faceFailures: n })
    }
    const state = (await t.app.inject({ method: 'GET', url: '/api/v1/binding', headers: as(token) })).json() as State
    expect(proof(state, 'sms').available).toBe(true)
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).json() as Err).error.code).toBe('binding_required')

    const before = t.smsLines.length
    const sent = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms-codes', headers: as(token) })
    expect(sent.statusCode).toBe(200)
    await smsSent(t, before + 1)
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms', headers: as(token), payload: { code: '000000' } })
    expect(['sms_code_invalid']).toContain((wrong.json() as Err).error.code)
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms', headers: as(token), payload: { code: await codeFor(t, p.phone, 'bind') } })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({ bound: true })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
  })

  test('a binding\'s face check cannot verify a session, and a verification\'s cannot bind', async () => {
    const p = demoPerson(1)
    const { token } = await login('o-new-wechat-user-3')
    await startBinding(token, p.name, p.idNumber)
    const bindCheck = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).json() as { checkId: number; verifyId: string }
    wx.faces.set(bindCheck.verifyId, { verifyRet: 10000 })

    const bound = await login('dev-wechat-demo-1') // demo person 1's own, bound WeChat identity
    const verifyCheck = (await t.app.inject({ method: 'POST', url: '/api/v1/verifications/face', headers: as(bound.token) })).json() as { checkId: number; verifyId: string }
    wx.faces.set(verifyCheck.verifyId, { verifyRet: 10000 })
    // Each check belongs to its own session, and to what it was started for.
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/verifications/face/${bindCheck.checkId}/result`, headers: as(token) })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${verifyCheck.checkId}/result`, headers: as(token) })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${verifyCheck.checkId}/result`, headers: as(bound.token) })).statusCode).toBe(409)
  })

  test('two sessions of one WeChat user bind once; the other is told it is already bound', async () => {
    const p = demoPerson(3)
    const first = await login('o-new-wechat-user-4')
    const second = await login('o-new-wechat-user-4')
    const checks: number[] = []
    for (const s of [first, second]) {
      await startBinding(s.token, p.name, p.idNumber)
      const begun = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(s.token) })).json() as { checkId: number; verifyId: string }
      wx.faces.set(begun.verifyId, { verifyRet: 10000 })
      checks.push(begun.checkId)
    }
    const answers = await Promise.all([first, second].map((s, i) =>
      t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${checks[i]}/result`, headers: as(s.token) })))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409])
    expect((answers.find((a) => a.statusCode === 409)!.json() as Err).error.code).toBe('already_bound')
  })
})

describe('without face check (dev stand-ins): the SMS code proves it', () => {
  let t: TestApp
  beforeAll(async () => { t = await makeTestApp() })
  afterAll(async () => { await t.close() })

  async function unbound (code: string): Promise<string> {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'alipay', code } })
    const body = res.json() as { token: string; bound: boolean }
    expect(body.bound).toBe(false)
    return body.token
  }
  const startBinding = (token: string, name: string, idNumber: string) =>
    t.app.inject({ method: 'POST', url: '/api/v1/binding', headers: as(token), payload: { name, idNumber } })

  test('face is not offered; the code to the phone on file binds and verifies; consents given before binding carry over', async () => {
    const p = demoPerson(1)
    const token = await unbound('alipay-new-user-1')
    const documents = (await t.app.inject({ method: 'GET', url: '/api/v1/consents/documents' })).json() as { items: { document: string; version: string }[] }
    const sensitive = documents.items.find((d) => d.document === 'sensitive')!
    const agreed = await t.app.inject({ method: 'POST', url: '/api/v1/consents', headers: as(token), payload: { document: 'sensitive', version: sensitive.version, channel: 'alipay' } })
    expect(agreed.statusCode).toBe(200)
    await giveConsents(t, token, ['privacy'])
    const state = (await startBinding(token, p.name, p.idNumber)).json() as State
    expect(proof(state, 'face')).toMatchObject({ available: false })
    expect(proof(state, 'sms').available).toBe(true)
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).statusCode).toBe(403)
    const before = t.smsLines.length
    const sent = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms-codes', headers: as(token) })
    expect((sent.json() as { message: string }).message).toBe(`验证码已发送至 ${state.phoneMasked}，5 分钟内有效`)
    await smsSent(t, before + 1)
    const done = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms', headers: as(token), payload: { code: await codeFor(t, p.phone, 'bind') } })
    expect(done.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
    // Read by person now: the consent the identity gave is the person's.
    const standing = (await t.app.inject({ method: 'GET', url: '/api/v1/consents', headers: as(token) })).json() as { items: { document: string; acceptedAt: string | null }[] }
    expect(standing.items.find((d) => d.document === 'sensitive')!.acceptedAt).not.toBeNull()
  })

  test('a wrong check digit is named before anything is looked up or counted', async () => {
    const token = await unbound('alipay-new-user-2')
    const id = demoPerson(1).idNumber
    const typo = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
    const res = await startBinding(token, demoPerson(1).name, typo)
    expect(res.statusCode).toBe(400)
    expect((res.json() as Err).error.code).toBe('id_number_invalid')
    const malformed = await startBinding(token, 'x', '123')
    expect(malformed.statusCode).toBe(400)
    expect((malformed.json() as Err).error.code).toBe('validation_failed')
  })

  test('a name that does not match and an ID number nobody has answer alike; five lock binding for 30 minutes', async () => {
    const p = demoPerson(2)
    const token = await unbound('alipay-new-user-3')
    const wrongName = await startBinding(token, '王小二', p.idNumber)
    const nobody = await startBinding(token, p.name, someoneElsesIdNumber(p.idNumber))
    for (const [res, left] of [[wrongName, 4], [nobody, 3]] as const) {
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual({ error: { code: 'identity_mismatch', message: `姓名或身份证号与参保登记信息不一致，请核对后重新输入，还可以再试 ${left} 次` } })
    }
    await startBinding(token, '王小二', p.idNumber)
    await startBinding(token, '王小二', p.idNumber)
    const fifth = await startBinding(token, '王小二', p.idNumber)
    expect(fifth.statusCode).toBe(403)
    expect((fifth.json() as Err).error.code).toBe('binding_locked')
    expect(Number(fifth.headers['retry-after'])).toBeGreaterThan(0)
    // Locked means locked, even for the right pair; and another login of the same identity is locked too.
    expect(((await startBinding(token, p.name, p.idNumber)).json() as Err).error.code).toBe('binding_locked')
    expect(((await startBinding(await unbound('alipay-new-user-3'), p.name, p.idNumber)).json() as Err).error.code).toBe('binding_locked')
    t.clock.advance(31 * 60_000)
    expect((await startBinding(await unbound('alipay-new-user-3'), p.name, p.idNumber)).statusCode).toBe(200)
  })

  test('mismatches count per ID number too: many platform accounts cannot probe one ID number', async () => {
    const p = demoPerson(4)
    const nobodys = someoneElsesIdNumber(demoPerson(3).idNumber)
    for (const id of [p.idNumber, nobodys]) {
      const answers: string[] = []
      for (let i = 1; i <= 5; i++) {
        const res = await startBinding(await unbound(`alipay-prober-${id}-${i}`), '王小二', id)
        answers.push((res.json() as Err).error.code)
      }
      // Each account has had one try; the ID number has had five, whether anyone has it or not.
      expect(answers).toEqual(['identity_mismatch', 'identity_mismatch', 'identity_mismatch', 'identity_mismatch', 'binding_locked'])
      const fresh = await startBinding(await unbound(`alipay-prober-${id}-6`), id === p.idNumber ? p.name : '王小二', id)
      expect(fresh.statusCode).toBe(403)
      expect((fresh.json() as Err).error.code).toBe('binding_locked')
    }
    t.clock.advance(31 * 60_000)
    expect((await startBinding(await unbound('alipay-prober-after'), p.name, p.idNumber)).statusCode).toBe(200)
  })

  test('proof steps need a started, unexpired binding', async () => {
    const token = await unbound('alipay-new-user-4')
    const early = await t.app.inject({ method: 'POST', url: '/api/v1/binding/sms-codes', headers: as(token) })
    expect(early.statusCode).toBe(409)
    expect((early.json() as Err).error.code).toBe('binding_not_started')
    await startBinding(token, demoPerson(3).name, demoPerson(3).idNumber)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/binding', headers: as(token) })).statusCode).toBe(200)
    t.clock.advance(29 * 60_000) // inside the session's idle limit, past nothing yet
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/binding', headers: as(token) })).statusCode).toBe(200)
    t.clock.advance(2 * 60_000)
    expect(((await t.app.inject({ method: 'GET', url: '/api/v1/binding', headers: as(token) })).json() as Err).error.code).toBe('binding_not_started')
  })

  test('sessions that already belong to a person cannot bind', async () => {
    const p = demoPerson(1)
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/password', payload: { idNumber: p.idNumber, password: p.queryPassword } })
    const token = (login.json() as { token: string }).token
    const res = await startBinding(token, demoPerson(2).name, demoPerson(2).idNumber)
    expect(res.statusCode).toBe(409)
    expect((res.json() as Err).error.code).toBe('already_bound')
    expect(((await startBinding('x'.repeat(40), p.name, p.idNumber)).json() as Err).error.code).toBe('session_expired')
  })
})

describe('with Alipay certify (real signed client, fake gateway)', () => {
  let gw: FakeAlipayGateway; let t: TestApp
  beforeAll(async () => {
    const appKeys = generateRsaKeyPair()
    gw = await startAlipayGateway({ appPublicKey: appKeys.publicKey })
    t = await makeTestApp({
      env: { ALIPAY_APP_ID: gw.appId, ALIPAY_PRIVATE_KEY: appKeys.privateKeyBase64, ALIPAY_PUBLIC_KEY: gw.alipayKeys.publicKeyBase64, ALIPAY_GATEWAY: gw.url },
    })
  })
  afterAll(async () => { await t.close(); await gw.close() })

  test('certify with the record\'s name and ID number; only the gateway\'s "T" binds', async () => {
    const p = demoPerson(3)
    gw.answers.set('ali-bind-1', { openId: 'ali-open-new-1' })
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login/platform', payload: { platform: 'alipay', code: 'ali-bind-1' } })
    const { token, bound } = login.json() as { token: string; bound: boolean }
    expect(bound).toBe(false)
    await giveConsents(t, token)
    const state = (await t.app.inject({ method: 'POST', url: '/api/v1/binding', headers: as(token), payload: { name: p.name, idNumber: p.idNumber } })).json() as State
    expect(proof(state, 'face').available).toBe(true)

    const first = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).json() as { checkId: number; certifyId: string; url: string }
    expect(gw.certifications.get(first.certifyId)).toMatchObject({ certName: p.name, certNo: p.idNumber })
    expect(first.url).toContain('alipay.user.certify.open.certify')
    const failed = await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${first.checkId}/result`, headers: as(token) })
    expect(failed.json()).toMatchObject({ passed: false, faceFailures: 1 }) // the gateway's default is "F"

    const second = (await t.app.inject({ method: 'POST', url: '/api/v1/binding/face', headers: as(token) })).json() as { checkId: number; certifyId: string }
    gw.certifyOutcomes.set(second.certifyId, { passed: true })
    const ok = await t.app.inject({ method: 'POST', url: `/api/v1/binding/face/${second.checkId}/result`, headers: as(token) })
    expect(ok.json()).toMatchObject({ passed: true, message: '绑定成功' })
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: as(token) })).statusCode).toBe(200)
  })
})
