// The dev code exchanger: demo codes reach the demo persons' identities, other codes stable strangers.
import { createHash } from 'node:crypto'
import { DevCodeExchanger, devDemoSubject } from '../../../server/adapters/dev-exchanger'

const wechat = new DevCodeExchanger('wechat')
const alipay = new DevCodeExchanger('alipay')
const hash24 = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24)

test('wx-demo-<n> and alipay-demo-<n> are the demo persons, marked devDemo', async () => {
  await expect(wechat.exchange('wx-demo-1')).resolves.toEqual({ platform: 'wechat', subject: 'dev-wechat-demo-1', devDemo: true })
  await expect(wechat.exchange('wx-demo-12')).resolves.toEqual({ platform: 'wechat', subject: 'dev-wechat-demo-12', devDemo: true })
  await expect(alipay.exchange('alipay-demo-3')).resolves.toEqual({ platform: 'alipay', subject: 'dev-alipay-demo-3', devDemo: true })
  expect(devDemoSubject('alipay', 7)).toBe('dev-alipay-demo-7')
})

test('any other code is a new, unbound identity that stays the same for the same code', async () => {
  const a = await wechat.exchange('0a1b2c3d-from-wx-login')
  expect(a).toEqual({ platform: 'wechat', subject: `dev-wechat-${hash24('0a1b2c3d-from-wx-login')}`, devDemo: false })
  expect(a.subject).toMatch(/^dev-wechat-[0-9a-f]{24}$/)
  await expect(wechat.exchange('0a1b2c3d-from-wx-login')).resolves.toEqual(a)
  const b = await wechat.exchange('another-code')
  expect(b.subject).not.toBe(a.subject)
  const c = await alipay.exchange('0a1b2c3d-from-wx-login')
  expect(c).toEqual({ platform: 'alipay', subject: `dev-alipay-${hash24('0a1b2c3d-from-wx-login')}`, devDemo: false })
})

test.each([
  ['the other platform\'s demo form', wechat, 'alipay-demo-1'],
  ['the other platform\'s demo form (alipay)', alipay, 'wx-demo-1'],
  ['n = 0', wechat, 'wx-demo-0'],
  ['a leading zero', wechat, 'wx-demo-01'],
  ['no number', wechat, 'wx-demo-'],
  ['a non-number', alipay, 'alipay-demo-x'],
  ['a suffix', wechat, 'wx-demo-1a'],
] as const)('%s is an ordinary unknown code', async (_name, exchanger, code) => {
  const info = await exchanger.exchange(code)
  expect(info).toEqual({ platform: exchanger.platform, subject: `dev-${exchanger.platform}-${hash24(code)}`, devDemo: false })
})

test('it says it is a dev adapter', () => {
  expect([wechat.kind, wechat.platform, alipay.platform]).toEqual(['dev', 'wechat', 'alipay'])
})
