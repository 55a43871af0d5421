// The WeChat subscribe-message client against the fake server, which checks the token, the template's keywords and
// their rules, the page, and the person's acceptances the way WeChat does.
import { SUBSCRIBE_UNAVAILABLE_MESSAGE, WechatSubscribeSender } from '../../../server/adapters/wechat-subscribe'
import type { SubscribeMessage } from '../../../server/domain/ports'
import { platformTokens } from '../../../server/db/schema'
import { AppError } from '../../../server/domain/errors'
import { FAKE_SUBSCRIBE_TEMPLATE } from '../../fakes/wechat-server'
import { wechatClientUnderTest } from '../../support/wechat-client'

const TMPL = FAKE_SUBSCRIBE_TEMPLATE.id

const wx = wechatClientUnderTest({
  dataKey: 'test-data-key-for-wechat-subscribe-0',
  server: { pages: ['packages/account/pages/claim/index'] },
  client: (cfg, tokens) => new WechatSubscribeSender(cfg, tokens, { timeoutMs: 1500 }),
})

const message = (over: Partial<SubscribeMessage> = {}): SubscribeMessage => ({
  touser: 'o-sub-000001', templateId: TMPL, page: 'packages/account/pages/claim/index?id=7',
  data: {
    thing1: { value: '住院费用零星报销' }, phrase2: { value: '复审中' },
    time3: { value: '2026年11月20日 11:05' }, thing4: { value: '初审通过，进入复审' },
  },
  ...over,
})
const sendCalls = () => wx.fake.calls.filter((c) => c.path === '/cgi-bin/message/subscribe/send')

test('an accepted subscription: one POST with the current token and exactly the documented fields; the acceptance is used', async () => {
  wx.fake.acceptSubscription('o-sub-000001', TMPL)
  await expect(wx.client.send(message())).resolves.toEqual({ outcome: 'sent' })
  const [call] = sendCalls()
  expect(call!.method).toBe('POST')
  expect(call!.query.access_token).toBe(wx.fake.currentToken)
  expect(call!.body).toEqual({
    touser: 'o-sub-000001', template_id: TMPL, page: 'packages/account/pages/claim/index?id=7', lang: 'zh_CN', data: message().data,
  })
  expect(wx.fake.deliveries).toHaveLength(1)
  expect(wx.fake.subscriptionsLeft('o-sub-000001', TMPL)).toBe(0)
})

test('miniprogram_state is sent only when configured', async () => {
  wx.fake.acceptSubscription('o-sub-000002', TMPL)
  await expect(wx.client.send(message({ touser: 'o-sub-000002', miniprogramState: 'trial' }))).resolves.toEqual({ outcome: 'sent' })
  expect(sendCalls()[0]!.body!.miniprogram_state).toBe('trial')
  expect(wx.fake.deliveries[0]!.miniprogramState).toBe('trial')
})

test('no acceptance left: 43101 → refused (a second send after one acceptance too)', async () => {
  await expect(wx.client.send(message({ touser: 'o-sub-000003' }))).resolves.toEqual({ outcome: 'refused', errcode: 43101 })
  wx.fake.acceptSubscription('o-sub-000003', TMPL)
  await expect(wx.client.send(message({ touser: 'o-sub-000003' }))).resolves.toEqual({ outcome: 'sent' })
  await expect(wx.client.send(message({ touser: 'o-sub-000003' }))).resolves.toEqual({ outcome: 'refused', errcode: 43101 })
  expect(wx.fake.deliveries).toHaveLength(1)
})

test('an empty or malformed openid: 40003 → bad_openid', async () => {
  await expect(wx.client.send(message({ touser: '' }))).resolves.toEqual({ outcome: 'bad_openid', errcode: 40003 })
  await expect(wx.client.send(message({ touser: 'o p' }))).resolves.toEqual({ outcome: 'bad_openid', errcode: 40003 })
})

test.each([
  ['an unknown template id', { templateId: 'not-our-template' }, 40037],
  ['a thing longer than 20 characters', { data: { ...message().data, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }, 47003],
  ['a phrase that is not 1–5 Chinese characters', { data: { ...message().data, phrase2: { value: 'review' } } }, 47003],
  ['a missing keyword', { data: { thing1: { value: 'x' }, phrase2: { value: '复审中' }, time3: { value: '2026年11月20日 11:05' } } }, 47003],
  ['a time that is not a time', { data: { ...message().data, time3: { value: 'tomorrow' } } }, 47003],
  ['a page the mini-program does not have', { page: 'pages/nowhere/index?id=7' }, 41030],
] as const)('%s → rejected with WeChat\'s errcode, and the acceptance is not used', async (_name, over, errcode) => {
  wx.fake.acceptSubscription('o-sub-000004', TMPL)
  await expect(wx.client.send(message({ touser: 'o-sub-000004', ...over }))).resolves.toEqual({ outcome: 'rejected', errcode })
  expect(wx.fake.subscriptionsLeft('o-sub-000004', TMPL)).toBe(1)
  wx.fake.acceptSubscription('o-sub-000004', TMPL, -1)
})

test('a revoked access token is replaced and the send retried once', async () => {
  wx.fake.acceptSubscription('o-sub-000005', TMPL)
  await wx.h.db.delete(platformTokens)
  await wx.client.send(message({ touser: 'o-sub-000005' })) // a token now exists (and the acceptance is used)
  wx.fake.revokeTokens()
  wx.fake.acceptSubscription('o-sub-000005', TMPL)
  await expect(wx.client.send(message({ touser: 'o-sub-000005' }))).resolves.toEqual({ outcome: 'sent' })
  expect(sendCalls().map((c) => c.answer!.errcode)).toEqual([0, 40001, 0])
})

test.each([
  ['busy (-1)', { errcode: -1 }, 'wechat subscribe send errcode -1'],
  ['HTTP 502', { status: 502, body: '' }, 'wechat subscribe send http 502'],
  ['malformed JSON', { status: 200, body: '<html>' }, 'wechat subscribe send answered malformed JSON'],
] as const)('%s → 502 platform_unavailable (worth another try), never a silent success', async (_name, answer, cause) => {
  wx.fake.queue.push({ path: '/cgi-bin/message/subscribe/send', answer })
  const e = await wx.client.send(message()).catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect([(e as AppError).status, (e as AppError).code, (e as AppError).message, (e as AppError).cause])
    .toEqual([502, 'platform_unavailable', SUBSCRIBE_UNAVAILABLE_MESSAGE, cause])
})

test('a WeChat that never answers → 502 after the timeout', async () => {
  wx.fake.queue.push({ path: '/cgi-bin/message/subscribe/send', answer: { hang: true } })
  const e = await wx.client.send(message()).catch((err: unknown) => err)
  expect(e).toBeInstanceOf(AppError)
  expect((e as AppError).cause).toBe('wechat subscribe send timed out after 1500 ms')
})
