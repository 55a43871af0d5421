// Compiled weapp layer: the real dist/weapp in miniprogram-simulate, talking to the real server over HTTP.
// Flow: signed-out 首页 with the first-run privacy dialog (and WeChat's own privacy prompt answered through it) →
// 登录 → 微信一键登录 (wx.login stub, dev demo code) → 首页's sensitive-information consent → the balance → 余额 with
// this year's money in and out → 消费记录.
const { distDir } = require('../support/dist')
const { createMiniProgram, waitFor, agreeToPrivacy, agreeToSensitive } = require('./harness')
const { startServer, requestJson, readAs } = require('../support/server-process')
const { yuan } = require('../support/money')

jest.setTimeout(60_000)
const root = distDir('weapp')
const API_BASE = 'http://127.0.0.1:12393' // the weapp build's default; the harness swaps the origin

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')

test('platform login, then the balance on 首页 and on the subpackage page', async () => {
  // The figure to expect, from the API in a session of the test's own (readAs gives consents for its read and takes
  // them back, so the person below still meets the consent panel).
  const summary = await readAs(server.url, 'wx-demo-1', '/api/v1/account')
  expect(summary.balanceFen).toBeGreaterThan(0)

  const mp = createMiniProgram({ root, apiOrigin: server.url, loginCode: 'wx-demo-1' })
  await waitFor(() => mp.privacyListener()) // registered at launch
  const home = mp.open('pages/index/index')
  // First run: no login until the privacy policy is agreed.
  await waitFor(() => text(home).includes('个人信息保护提示') && text(home).includes('同意并继续'))
  expect(home.querySelector('.login-entry-btn')).toBeFalsy()
  await agreeToPrivacy(mp)
  expect([...mp.storage.keys()]).toContain('yibao.privacy')

  // WeChat's own prompt (a privacy API called before WeChat heard the agreement) opens the same dialog; the agree
  // button is an open-type="agreePrivacyAuthorization" button with an id, and its agree event answers WeChat.
  const answers = mp.needPrivacy('getLocation')
  await waitFor(() => text(home).includes('同意并继续'))
  await waitFor(() => answers.length === 1)
  expect(answers).toEqual([{ event: 'exposureAuthorization' }])
  const sent = JSON.stringify(mp.setDataLog.filter((e) => e.route === 'pages/index/index').map((e) => e.data))
  expect(sent).toContain('"agreePrivacyAuthorization"')
  expect(sent).toContain('"privacy-agree-btn"')
  await agreeToPrivacy(mp)
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree-btn' }])

  const loginBtn = await waitFor(() => home.querySelector('.login-entry-btn'))
  loginBtn.dispatchEvent('tap')

  const login = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('pages/login/index')
  const platformBtn = await waitFor(() => login.querySelector('.platform-login-btn'))
  expect(text(login)).toContain('微信一键登录')
  platformBtn.dispatchEvent('tap')

  // Back on 首页: the separate consent for sensitive information comes before any account data.
  await waitFor(() => mp.pages.length === 1 && text(home).includes('查看医保信息前，请您单独授权'), 10_000)
  expect(text(home)).not.toContain(yuan(summary.balanceFen))
  expect(mp.requests.some((r) => r.url.endsWith('/api/v1/account'))).toBe(false)
  await agreeToSensitive(mp, home)
  await waitFor(() => text(home).includes(yuan(summary.balanceFen)), 10_000)
  expect(text(home)).toContain(summary.maskedName)
  expect(text(home)).toContain(summary.region.name)
  expect(text(home)).toMatch(/数据截至 ?(2026年11月20日|昨天|今天)/)

  const calls = mp.requests.map((r) => `${r.method} ${r.url}`)
  expect(calls).toEqual(expect.arrayContaining([`POST ${API_BASE}/api/v1/auth/login/platform`, `GET ${API_BASE}/api/v1/account`]))
  const loginCall = mp.requests.find((r) => r.url.endsWith('/auth/login/platform'))
  expect(loginCall.data).toEqual({ platform: 'wechat', code: 'wx-demo-1' })
  const accountCall = mp.requests.find((r) => r.url.endsWith('/api/v1/account'))
  expect(accountCall.header.Authorization || accountCall.header.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{43}$/)
  // The token is kept with WeChat's encrypted storage.
  expect([...mp.storage.values()].some((v) => v.encrypt && JSON.stringify(v.data).includes(accountCall.header.Authorization?.slice(7) ?? accountCall.header.authorization.slice(7)))).toBe(true)

  // Both consents were recorded on the server for this person, from WeChat, with the versions shown.
  const consentPosts = mp.requests.filter((r) => r.method === 'POST' && r.url.endsWith('/api/v1/consents')).map((r) => r.data)
  expect(consentPosts.map((d) => [d.document, d.channel])).toEqual([['privacy', 'weapp'], ['sensitive', 'weapp']])
  const recorded = await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization: accountCall.header.Authorization ?? accountCall.header.authorization } })
  expect(recorded.json.items.map((i) => [i.document, i.acceptedAt !== null])).toEqual([['privacy', true], ['sensitive', true]])

  home.querySelector('.home-card-link').dispatchEvent('tap')
  const balance = await waitFor(() => mp.pages.length === 2 && mp.current())
  expect(mp.pages[1].route).toBe('packages/account/pages/balance/index')
  await waitFor(() => text(balance).includes(yuan(summary.balanceFen)))
  expect(text(balance)).toContain(summary.insuranceTypeName)
  // A page with account data asks WeChat to blank it in screen recordings while it is shown.
  expect(mp.captureEffects.at(-1)).toBe('hidden')

  // This year's money in and out, the server's own figures, as a sum that ends at the balance.
  const y = summary.thisYear
  expect(y.creditedFen).toBeGreaterThan(0)
  expect(y.spentAtHospitalsFen).toBeGreaterThan(0)
  expect(y.spentAtPharmaciesFen).toBeGreaterThan(0)
  await waitFor(() => text(balance).includes(`${y.year}年收支`))
  expect(text(balance)).toMatch(/1 到 3 天/)
  // One cell's words and figure, run together as the view layer holds them (the 收入 / 支出 word, label, note, figure).
  const cell = (cls) => balance.querySelector(`.${cls}`).dom.textContent
  expect(cell('flow-opening')).toBe(`年初余额${y.year}年1月1日的余额${yuan(y.openingBalanceFen)}`)
  expect(cell('flow-credited')).toBe(`收入计入个人账户个人缴费中划入账户的部分+${yuan(y.creditedFen)}`)
  expect(cell('flow-hospitals')).toBe(`支出在医院和诊所支付本人看病时从账户支付−${yuan(y.spentAtHospitalsFen)}`)
  expect(cell('flow-pharmacies')).toBe(`支出在药店支付本人买药时从账户支付−${yuan(y.spentAtPharmaciesFen)}`)
  const income = y.creditedFen + Math.max(y.adjustmentsFen, 0)
  const spent = y.spentAtHospitalsFen + y.spentAtPharmaciesFen + y.mutualAidFen + Math.max(-y.adjustmentsFen, 0)
  expect(cell('reconcile-line')).toBe(`年初余额 ${yuan(y.openingBalanceFen)} + 收入 ${yuan(income)} − 支出 ${yuan(spent)} = 当前余额 ${yuan(summary.balanceFen)}`)
  expect(cell('fact-settlements')).toBe(`医保结算在医院和药店用医保结算的次数${y.settlementCount} 笔`)
  expect(cell('fact-total')).toBe(`总费用${yuan(y.settlementTotalFen)}`)
  expect(cell('fact-fund')).toBe(`其中统筹基金支付医保基金替您付的部分${yuan(y.fundPaidFen)}`)

  // An entry opens 消费记录 on top of 账户余额.
  balance.querySelector('.entry-spending').dispatchEvent('tap')
  const spending = await waitFor(() => mp.pages.length === 3 && mp.current())
  expect(mp.pages[2].route).toBe('packages/account/pages/spending/index')
  await waitFor(() => text(spending).includes('医院和药店的结算'), 10_000)

  // setData payloads stay small (printed for the record; bench/ tracks them).
  const total = mp.setDataLog.reduce((a, e) => a + e.bytes, 0)
  console.log(`setData: ${mp.setDataLog.length} calls, ${total} bytes`, mp.setDataLog.map((e) => `${e.route}:${e.bytes}`).join(' '))
})
