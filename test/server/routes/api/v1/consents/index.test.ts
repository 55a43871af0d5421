// Consents: the public texts, recording the current version once, refusing an outdated one, reading back by person
// (bound) or platform identity (unbound), nobody seeing another's, withdrawal, and Chinese validation messages.
import { makeTestApp, type TestApp } from '../../../../../support/app'
import { platformSession } from '../../../../../support/consent'
import { demoPerson, demoPersonId } from '../../../../../support/demo'
import { currentDocument } from '../../../../../../server/domain/consent-documents'

let t: TestApp
beforeAll(async () => { t = await makeTestApp() })
afterAll(async () => { await t.close() })

type Err = { error: { code: string; message: string } }
type Status = { document: string; version: string; title: string; acceptedAt: string | null }
const as = (token: string) => ({ authorization: `Bearer ${token}` })
const PRIVACY = currentDocument('privacy').version
const SENSITIVE = currentDocument('sensitive').version

/** Demo persons 1–4 are bound to `wx-demo-<n>`; any other code is a new, unbound platform identity. */
async function platformLogin (code: string): Promise<{ token: string; bound: boolean }> {
  const body = await platformSession(t, code)
  expect(body.bound).toBe(code.startsWith('wx-demo-'))
  return body
}

async function statusOf (token: string): Promise<Record<string, Status>> {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/consents', headers: as(token) })
  expect(res.statusCode).toBe(200)
  expect(res.headers['cache-control']).toBe('no-store')
  return Object.fromEntries((res.json() as { items: Status[] }).items.map((s) => [s.document, s]))
}

const personIdOf = (n: number) => demoPersonId(t.handle.db, n)

const accept = (token: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/v1/consents', headers: as(token), payload })

test('the texts are public: both documents, their current versions, titles and full Chinese texts', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/consents/documents' })
  expect(res.statusCode).toBe(200)
  const { items } = res.json() as { items: { document: string; version: string; title: string; summary: unknown[]; sections: { heading: string; paragraphs: string[] }[] }[] }
  expect(items.map((d) => [d.document, d.version])).toEqual([['privacy', PRIVACY], ['sensitive', SENSITIVE]])
  expect(items[0]!.title).toBe('《隐私政策》')
  expect(items[1]!.title).toBe('《敏感个人信息处理授权书》')
  const sensitiveText = items[1]!.sections.flatMap((s) => s.paragraphs).join('')
  for (const words of ['余额', '缴费', '就医', '报销', '撤回', '12393']) expect(sensitiveText).toContain(words)
  for (const d of items) expect(d.summary.length).toBeGreaterThan(0)
})

test('the texts send a person where withdrawal really is: 首页 › 设置 › 隐私与授权, in the summary and the full text', async () => {
  const { items } = (await t.app.inject({ method: 'GET', url: '/api/v1/consents/documents' })).json() as { items: { summary: { paragraphs: string[] }[]; sections: { paragraphs: string[] }[] }[] }
  for (const d of items) {
    const full = d.sections.flatMap((s) => s.paragraphs).join('')
    expect(full).toContain('「首页 › 设置 › 隐私与授权」')
    // No place the app does not have: every mention of the page is the full way to it, and there is no 「我的」.
    const all = [...d.summary, ...d.sections].flatMap((s) => s.paragraphs).join('')
    expect(all.match(/「[^」]*隐私与授权」/g)!.every((m) => m === '「首页 › 设置 › 隐私与授权」')).toBe(true)
    expect(all).not.toContain('「我的」')
  }
  const sensitiveSummary = items[1]!.summary.flatMap((s) => s.paragraphs).join('')
  expect(sensitiveSummary).toContain('「首页 › 设置 › 隐私与授权」')
})

test('a bound person: nothing accepted at first, then recorded, read back, and a repeat records nothing new', async () => {
  const { token, bound } = await platformLogin('wx-demo-1')
  expect(bound).toBe(true)
  const before = await statusOf(token)
  expect(before.privacy).toEqual({ document: 'privacy', version: PRIVACY, title: '《隐私政策》', acceptedAt: null })
  expect(before.sensitive!.acceptedAt).toBeNull()

  const first = await accept(token, { document: 'privacy', version: PRIVACY, channel: 'weapp' })
  expect(first.statusCode).toBe(200)
  const recorded = first.json() as Status
  expect(recorded.acceptedAt).toBe(t.clock.now().toISOString())

  t.clock.advance(60_000)
  const again = await accept(token, { document: 'privacy', version: PRIVACY, channel: 'weapp' })
  expect(again.statusCode).toBe(200)
  expect((again.json() as Status).acceptedAt).toBe(recorded.acceptedAt) // the first acceptance stands

  const after = await statusOf(token)
  expect(after.privacy!.acceptedAt).toBe(recorded.acceptedAt)
  expect(after.sensitive!.acceptedAt).toBeNull() // a separate consent: the privacy policy does not imply it

  const personId = await personIdOf(1)
  const rows = await t.handle.db.query.consents.findMany({ where: (c, { eq }) => eq(c.personId, personId) })
  expect(rows.filter((r) => r.document === 'privacy')).toHaveLength(1)
  expect(rows[0]).toMatchObject({ document: 'privacy', version: PRIVACY, channel: 'weapp', withdrawnAt: null })
})

test('the same person in another session (query-password login, no platform identity) sees the consent: reads go by person', async () => {
  const wx = await platformLogin('wx-demo-2')
  expect((await accept(wx.token, { document: 'sensitive', version: SENSITIVE, channel: 'weapp' })).statusCode).toBe(200)
  const viaPassword = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/login/password', payload: { idNumber: demoPerson(2).idNumber, password: demoPerson(2).queryPassword },
  })
  expect(viaPassword.statusCode).toBe(200)
  const other = (viaPassword.json() as { token: string }).token
  expect((await statusOf(other)).sensitive!.acceptedAt).not.toBeNull()
})

test('a version that is no longer current is refused with 409 consent_outdated and a Chinese sentence', async () => {
  const { token } = await platformLogin('wx-demo-3')
  const res = await accept(token, { document: 'sensitive', version: '2020-01-01', channel: 'h5' })
  expect(res.statusCode).toBe(409)
  const { error } = res.json() as Err
  expect(error.code).toBe('consent_outdated')
  expect(error.message).toBe('隐私政策或授权书已经更新，请重新打开小程序，阅读新的内容后再同意')
  expect((await statusOf(token)).sensitive!.acceptedAt).toBeNull()
})

test('an unbound platform identity records and reads its own consent; a bound person does not see it', async () => {
  const stranger = await platformLogin('wx-someone-new')
  expect(stranger.bound).toBe(false)
  expect((await statusOf(stranger.token)).privacy!.acceptedAt).toBeNull()
  expect((await accept(stranger.token, { document: 'privacy', version: PRIVACY, channel: 'weapp' })).statusCode).toBe(200)
  expect((await statusOf(stranger.token)).privacy!.acceptedAt).not.toBeNull()

  // The same identity signing in again (a new session) still has it.
  const again = await platformLogin('wx-someone-new')
  expect((await statusOf(again.token)).privacy!.acceptedAt).not.toBeNull()

  const rows = await t.handle.db.query.consents.findMany({ where: (c, { isNull }) => isNull(c.personId) })
  expect(rows).toHaveLength(1)
  expect(rows[0]!.identityId).not.toBeNull()

  const person = await platformLogin('wx-demo-3')
  expect((await statusOf(person.token)).privacy!.acceptedAt).toBeNull()
})

test('person A\'s consent is not visible to person B', async () => {
  const a = await platformLogin('wx-demo-4')
  const b = await platformLogin('wx-demo-3')
  expect((await accept(a.token, { document: 'sensitive', version: SENSITIVE, channel: 'alipay' })).statusCode).toBe(200)
  expect((await statusOf(a.token)).sensitive!.acceptedAt).not.toBeNull()
  expect((await statusOf(b.token)).sensitive!.acceptedAt).toBeNull()
})

test('withdrawal: the consent no longer counts, the row is kept with its time, and it can be given again', async () => {
  const { token } = await platformLogin('wx-demo-1') // privacy already accepted in an earlier test
  expect((await accept(token, { document: 'sensitive', version: SENSITIVE, channel: 'h5' })).statusCode).toBe(200)

  t.clock.advance(5 * 60_000)
  // With an empty JSON object, as the client sends it (wx.request always says application/json).
  const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/consents/sensitive', headers: as(token), payload: {} })
  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({ document: 'sensitive', version: SENSITIVE, title: '《敏感个人信息处理授权书》', acceptedAt: null })
  const after = await statusOf(token)
  expect(after.sensitive!.acceptedAt).toBeNull()
  expect(after.privacy!.acceptedAt).not.toBeNull() // only the document named

  const personId = await personIdOf(1)
  const rows = await t.handle.db.query.consents.findMany({ where: (c, { eq, and }) => and(eq(c.personId, personId), eq(c.document, 'sensitive')) })
  expect(rows).toHaveLength(1)
  expect(rows[0]!.withdrawnAt?.toISOString()).toBe(t.clock.now().toISOString())

  // Withdrawing again is no error; agreeing again records a new acceptance.
  expect((await t.app.inject({ method: 'DELETE', url: '/api/v1/consents/sensitive', headers: as(token) })).statusCode).toBe(200)
  expect((await accept(token, { document: 'sensitive', version: SENSITIVE, channel: 'h5' })).statusCode).toBe(200)
  expect((await statusOf(token)).sensitive!.acceptedAt).toBe(t.clock.now().toISOString())
})

test('validation failures and a missing session are refused in Chinese', async () => {
  const { token } = await platformLogin('wx-demo-3')
  const cases: [Record<string, unknown>, string][] = [
    [{ document: 'marketing', version: PRIVACY, channel: 'h5' }, '授权文本格式不正确，请检查后重试'],
    [{ document: 'privacy', version: PRIVACY, channel: 'desktop' }, '使用渠道格式不正确，请检查后重试'],
    [{ document: 'privacy', channel: 'h5' }, '缺少文本版本，请补充后重试'],
    [{ document: 'privacy', version: PRIVACY, channel: 'h5', extra: 1 }, '请求中有多余的内容，请更新小程序后重试'],
  ]
  for (const [payload, message] of cases) {
    const res = await accept(token, payload)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({ error: { code: 'validation_failed', message } })
  }
  const badPath = await t.app.inject({ method: 'DELETE', url: '/api/v1/consents/marketing', headers: as(token) })
  expect(badPath.statusCode).toBe(400)
  expect((badPath.json() as Err).error.message).toMatch(/[\u4e00-\u9fa5]/)
  expect((badPath.json() as Err).error.message).not.toMatch(/must|should/i)

  for (const [method, url] of [['GET', '/api/v1/consents'], ['POST', '/api/v1/consents'], ['DELETE', '/api/v1/consents/privacy']] as const) {
    const res = await t.app.inject({ method, url, ...(method === 'POST' ? { payload: { document: 'privacy', version: PRIVACY, channel: 'h5' } } : {}) })
    expect(res.statusCode).toBe(401)
    expect((res.json() as Err).error).toEqual({ code: 'unauthorized', message: '请先登录' })
  }
})
