// createAdapters: real clients when their credentials are set, dev stand-ins otherwise, and none outside dev mode.
import { createAdapters } from '../../../server/adapters'
import { loadConfig, type ServerConfig } from '../../../server/config'
import type { DbHandle } from '../../../server/db'
import { devSmsOutbox } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { DataCipher } from '../../../server/domain/secrets'
import { generateRsaKeyPair, startAlipayGateway, type FakeAlipayGateway, type RsaKeyPair } from '../../fakes/alipay-gateway'
import { startSmsGateway, type FakeSmsGateway } from '../../fakes/sms-gateway'
import { startWechatServer, type FakeWechatServer } from '../../fakes/wechat-server'
import { testDb } from '../../support/db'

let h: DbHandle
let wechat: FakeWechatServer
let alipay: FakeAlipayGateway
let smsGateway: FakeSmsGateway
let appKeys: RsaKeyPair
const cipher = new DataCipher('test-data-key-for-adapters-0123456789')

beforeAll(async () => {
  h = await testDb()
  appKeys = generateRsaKeyPair()
  ;[wechat, alipay, smsGateway] = await Promise.all([
    startWechatServer(), startAlipayGateway({ appPublicKey: appKeys.publicKey }), startSmsGateway(),
  ])
})
afterAll(async () => {
  await Promise.all([wechat.close(), alipay.close(), smsGateway.close()])
  await h.close()
})

/** The environment an operator would set, pointing at the fakes (in dev mode, which loadConfig needs without DATA_KEY). */
function realEnv (): NodeJS.ProcessEnv {
  return {
    DEV_MODE: '1',
    WECHAT_APPID: wechat.appId, WECHAT_SECRET: wechat.secret, WECHAT_API_BASE: wechat.url,
    ALIPAY_APP_ID: alipay.appId, ALIPAY_PRIVATE_KEY: appKeys.privateKeyBase64,
    ALIPAY_PUBLIC_KEY: alipay.alipayKeys.publicKeyBase64, ALIPAY_GATEWAY: alipay.url,
    SMS_GATEWAY_URL: smsGateway.url, SMS_GATEWAY_TOKEN: smsGateway.token,
  }
}

test('without credentials every adapter is its dev stand-in, and they work', async () => {
  const lines: string[] = []
  const a = createAdapters(loadConfig({ DEV_MODE: '1' }), { db: h.db, cipher, devSmsOut: (l) => lines.push(l) })
  expect([a.exchangers.wechat.kind, a.exchangers.alipay.kind, a.sms.kind]).toEqual(['dev', 'dev', 'dev'])
  expect([a.exchangers.wechat.platform, a.exchangers.alipay.platform]).toEqual(['wechat', 'alipay'])
  await expect(a.exchangers.wechat.exchange('wx-demo-2')).resolves.toMatchObject({ subject: 'dev-wechat-demo-2', devDemo: true })
  await expect(a.exchangers.alipay.exchange('alipay-demo-2')).resolves.toMatchObject({ subject: 'dev-alipay-demo-2', devDemo: true })
  await a.sms.send({ phone: '13700002222', purpose: 'login', code: '112233', ttlSeconds: 300 })
  expect(lines).toEqual(['[开发短信] 137****2222 登录验证码：112233（5 分钟内有效）\n'])
  const rows = await h.db.select().from(devSmsOutbox)
  expect(rows.map((r) => r.code)).toContain('112233')
})

test('with credentials (from the environment, through loadConfig) every adapter is real and reaches its service', async () => {
  const a = createAdapters(loadConfig(realEnv()), { db: h.db, cipher })
  expect([a.exchangers.wechat.kind, a.exchangers.alipay.kind, a.sms.kind]).toEqual(['real', 'real', 'real'])

  wechat.answers.set('wx-code-1', { openid: 'o-index-1' })
  alipay.answers.set('ali-code-1', { userId: '2088000000000777' })
  await expect(a.exchangers.wechat.exchange('wx-code-1')).resolves.toEqual({ platform: 'wechat', subject: 'o-index-1' })
  await expect(a.exchangers.alipay.exchange('ali-code-1')).resolves.toEqual({ platform: 'alipay', subject: '2088000000000777' })
  await a.sms.send({ phone: '13700003333', purpose: 'login', code: '445566', ttlSeconds: 300 })
  expect(smsGateway.messages.at(-1)).toEqual({
    phone: '13700003333', template: 'verification_code', params: { code: '445566', purpose: 'login', ttlMinutes: 5 },
  })
  // A demo code means nothing to the real exchanger.
  await expect(a.exchangers.wechat.exchange('wx-demo-1')).rejects.toMatchObject({ status: 401, code: 'invalid_login_code' })
})

test('each adapter is chosen on its own credentials', () => {
  const env = realEnv()
  delete env.ALIPAY_PRIVATE_KEY
  delete env.SMS_GATEWAY_TOKEN
  const a = createAdapters(loadConfig(env), { db: h.db, cipher })
  expect([a.exchangers.wechat.kind, a.exchangers.alipay.kind, a.sms.kind]).toEqual(['real', 'dev', 'dev'])
})

test('fetchTimeoutMs reaches the real clients', async () => {
  const a = createAdapters(loadConfig(realEnv()), { db: h.db, cipher, fetchTimeoutMs: 150 })
  wechat.answers.set('wx-hang', { hang: true })
  const e = await a.exchangers.wechat.exchange('wx-hang').catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).cause).toBe('wechat jscode2session timed out after 150 ms')
})

test('outside dev mode, with every credential, the real adapters', () => {
  const cfg: ServerConfig = { ...loadConfig(realEnv()), devMode: false }
  const a = createAdapters(cfg, { db: h.db, cipher })
  expect([a.exchangers.wechat.kind, a.exchangers.alipay.kind, a.sms.kind]).toEqual(['real', 'real', 'real'])
})

test('outside dev mode every dev stand-in is refused, naming the missing settings', () => {
  const none: ServerConfig = { ...loadConfig({ DEV_MODE: '1' }), devMode: false }
  expect(() => createAdapters(none, { db: h.db, cipher })).toThrow(
    'Without DEV_MODE=1 the dev stand-ins are refused (they let anyone log in and print SMS codes); ' +
    'set WECHAT_APPID + WECHAT_SECRET, ALIPAY_APP_ID + ALIPAY_PRIVATE_KEY + ALIPAY_PUBLIC_KEY, SMS_GATEWAY_URL + SMS_GATEWAY_TOKEN')

  const env = realEnv()
  delete env.SMS_GATEWAY_URL
  const noSms: ServerConfig = { ...loadConfig(env), devMode: false }
  expect(() => createAdapters(noSms, { db: h.db, cipher })).toThrow(/set SMS_GATEWAY_URL \+ SMS_GATEWAY_TOKEN$/)

  const { wechat: _w, ...noWechat } = loadConfig(realEnv())
  expect(() => createAdapters({ ...noWechat, devMode: false }, { db: h.db, cipher })).toThrow(/set WECHAT_APPID \+ WECHAT_SECRET$/)
})

test('a malformed Alipay key stops the start with the setting named', () => {
  const env = { ...realEnv(), ALIPAY_PUBLIC_KEY: 'not-a-key' }
  expect(() => createAdapters(loadConfig(env), { db: h.db, cipher })).toThrow(/ALIPAY_PUBLIC_KEY is not an RSA public key/)
})

test('face check and SOTER exist only with their platform\'s credentials: no dev stand-in for them', async () => {
  const none = createAdapters(loadConfig({ DEV_MODE: '1' }), { db: h.db, cipher })
  expect(none.face).toBeUndefined()
  expect(none.soter).toBeUndefined()

  const all = createAdapters(loadConfig(realEnv()), { db: h.db, cipher })
  expect(all.face?.wechat?.platform).toBe('wechat')
  expect(all.face?.alipay?.platform).toBe('alipay')
  expect(all.soter).toBeDefined()
  // The real WeChat client reaches the fake through the shared token store.
  await expect(all.face!.wechat!.getVerifyId({ outSeqNo: 'index-test-1', certName: '张三', certNo: '310101199801011234', openid: 'o-i' }))
    .resolves.toMatchObject({ expiresInSeconds: 3600 })

  const env = realEnv()
  delete env.WECHAT_SECRET
  const alipayOnly = createAdapters(loadConfig(env), { db: h.db, cipher })
  expect(alipayOnly.face?.wechat).toBeUndefined()
  expect(alipayOnly.face?.alipay).toBeDefined()
  expect(alipayOnly.soter).toBeUndefined()

  const env2 = realEnv()
  delete env2.ALIPAY_APP_ID
  const wechatOnly = createAdapters(loadConfig(env2), { db: h.db, cipher })
  expect(wechatOnly.face?.alipay).toBeUndefined()
  expect(wechatOnly.face?.wechat).toBeDefined()
})
