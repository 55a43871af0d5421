// A log scan: drive every login, binding, account and share route with the real logger at debug level, then search
// everything it wrote for the seeded raw values (names, phones, ID numbers, card numbers, passwords) and the codes
// and tokens issued. Redaction is by rule in the logger, so this must hold for routes nobody has written yet too.
import { Writable } from 'node:stream'
import { makeTestApp, smsSent, type TestApp } from '../support/app'
import { giveConsents } from '../support/consent'
import { demoPerson } from '../support/demo'
import { loggerOptions } from '../../server/plugins/logger'

let t: TestApp
const lines: string[] = []
beforeAll(async () => {
  const stream = new Writable({ write (chunk, _enc, cb) { lines.push(String(chunk)); cb() } })
  t = await makeTestApp({ logger: { ...loggerOptions('debug'), stream } })
})
afterAll(async () => { await t.close() })

test('no raw personal value, code or token reaches any log line', async () => {
  const secrets: string[] = []
  const post = (url: string, payload: unknown, token?: string) =>
    t.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown>, headers: token ? { authorization: `Bearer ${token}` } : {} })
  const outboxCode = async (phone: string, purpose: string) => {
    const res = await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${phone}`, headers: t.adminHeaders })
    return (res.json() as { items: { code: string; purpose: string }[] }).items.find((i) => i.purpose === purpose)!.code
  }
  for (const n of [1, 2, 3, 4]) {
    const p = demoPerson(n)
    secrets.push(p.phone, p.idNumber, p.name, p.cardNumber)
    const before = t.smsLines.length
    await post('/api/v1/auth/sms-codes', { phone: p.phone, purpose: 'login' })
    await smsSent(t, before + 1)
    const code = await outboxCode(p.phone, 'login')
    const wrongCode = code === '000000' ? '111111' : '000000'
    await post('/api/v1/auth/login/sms', { phone: p.phone, code: wrongCode })
    const { token } = (await post('/api/v1/auth/login/sms', { phone: p.phone, code })).json() as { token: string }
    secrets.push(token, `"${code}"`)
    await giveConsents(t, token)
    await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: { authorization: `Bearer ${token}` } })
    await t.app.inject({ method: 'GET', url: '/api/v1/verifications/methods', headers: { authorization: `Bearer ${token}` } })
    await post('/api/v1/auth/login/password', { idNumber: p.idNumber, password: p.queryPassword === '999999' ? '888888' : '999999' })
    await post('/api/v1/auth/login/password', { cardNumber: p.cardNumber, password: p.queryPassword })
    await post('/api/v1/verifications/password', { password: p.queryPassword }, token)
    let sent = t.smsLines.length
    await post('/api/v1/verifications/sms-codes', {}, token)
    await smsSent(t, sent + 1)
    const verifyCode = await outboxCode(p.phone, 'verify')
    await post('/api/v1/verifications/sms', { code: verifyCode }, token)
    sent = t.smsLines.length
    await post('/api/v1/auth/password-reset/sms-codes', { idNumber: p.idNumber })
    await smsSent(t, sent + 1)
    const resetCode = await outboxCode(p.phone, 'password_reset')
    const newPassword = `${270419 + n * 11}`
    await post('/api/v1/auth/password-reset', { idNumber: p.idNumber, code: resetCode, newPassword })
    secrets.push(`"${verifyCode}"`, `"${resetCode}"`, `"${newPassword}"`) // quoted: bare digits also occur in timestamps
    // Bad input that carries personal data must not be echoed into the log either.
    await post('/api/v1/auth/sms-codes', { phone: p.phone, purpose: 'login', extra: p.idNumber })
    await t.admin.inject({ method: 'GET', url: `/api/v1/dev/sms-outbox?phone=${p.phone}`, headers: t.adminHeaders })
    await post('/api/v1/auth/logout', {}, token) // (the reset above already ended it: a 401 is logged too)

    // Binding a new platform login: name and ID number in the body, a wrong pair, then the SMS proof.
    const unbound = (await post('/api/v1/auth/login/platform', { platform: 'alipay', code: `alipay-log-scan-${n}` })).json() as { token: string }
    secrets.push(unbound.token)
    await post('/api/v1/binding', { name: '王小二', idNumber: p.idNumber }, unbound.token)
    await post('/api/v1/binding', { name: p.name, idNumber: p.idNumber }, unbound.token)
    sent = t.smsLines.length
    await post('/api/v1/binding/sms-codes', {}, unbound.token)
    await smsSent(t, sent + 1)
    const bindCode = await outboxCode(p.phone, 'bind')
    await post('/api/v1/binding/sms', { code: bindCode }, unbound.token)
    secrets.push(`"${bindCode}"`)
  }
  // 分享给家人: tokens in the create answer, in X-Share-Token, and where no client puts them (a ?t= query, the H5
  // page's path without its #) must not be logged either.
  for (const n of [1, 2, 3]) {
    const login = (await post('/api/v1/auth/login/platform', { platform: 'wechat', code: `wx-demo-${n}` })).json() as { token: string }
    const auth = { authorization: `Bearer ${login.token}` }
    await giveConsents(t, login.token)
    const claims = (await t.app.inject({ method: 'GET', url: '/api/v1/claims', headers: auth })).json() as { items: { id: number }[] }
    const made = (await post(`/api/v1/claims/${claims.items[0]!.id}/shares`, { duration: '1h', showAmounts: true, channel: 'weapp', recipientLabel: '女儿' }, login.token))
      .json() as { token: string; grant: { id: number } }
    secrets.push(login.token, made.token)
    const share = { 'x-share-token': made.token }
    await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: share })
    await t.app.inject({ method: 'GET', url: `/api/v1/share-view?t=${made.token}` })
    await t.app.inject({ method: 'GET', url: `/packages/share/pages/view/index?t=${made.token}&from=card` })
    await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: { 'x-share-token': `${made.token}x` } })
    await t.app.inject({ method: 'GET', url: '/api/v1/shares', headers: auth })
    await post(`/api/v1/shares/${made.grant.id}/revoke`, {}, login.token)
    await t.app.inject({ method: 'GET', url: '/api/v1/share-view', headers: share })
  }

  const text = lines.join('')
  expect(lines.length).toBeGreaterThan(50) // the logger really was writing
  expect(text).toContain('incoming request')
  for (const s of secrets) expect(text).not.toContain(s)
  for (const n of [1, 2, 3, 4]) expect(text).not.toContain(`"${demoPerson(n).queryPassword}"`)
})
