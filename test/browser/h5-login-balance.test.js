// Browser layer: the H5 build, served by the real server, used in the system Chromium as a person would.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, requestJson, latestSmsCode } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(120_000)

let server; let browser; let page; const pageErrors = []
beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'info' })
  browser = await launchBrowser()
  page = await phonePage(browser, pageErrors)
})
afterAll(async () => { await browser?.close(); await server?.stop() })

test('signed out → privacy policy → SMS login → sensitive consent → home with the balance → balance page', async () => {
  const person = demoPersons()[0]
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page) // a first run (h5-consent.test.js looks at the dialogs themselves)
  await page.locator('taro-button-core.login-entry-btn').waitFor()
  await page.screenshot({ path: join(out, 'h5-home-signed-out.png') })
  await page.locator('taro-button-core.login-entry-btn').click()

  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  // A wrong phone is caught before any request, in Chinese.
  await login.locator('.phone-input input').fill('12345')
  await login.locator('taro-button-core.send-code-btn').click()
  await page.getByText('请输入正确的 11 位手机号').first().waitFor()

  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await page.getByText(/\d+ ?秒/).first().waitFor() // the resend countdown started
  const code = await latestSmsCode(server.url, person.phone)
  await login.locator('.code-input input').fill(code)
  await page.screenshot({ path: join(out, 'h5-login.png') })
  await login.locator('taro-button-core.sms-login-btn').click()

  await agreeToSensitive(page)
  // The expected figure comes from the API, in a session of the test's own (the person's consent now stands).
  const session = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: 'wx-demo-1' } })
  const summary = (await requestJson(`${server.url}/api/v1/account`, { headers: { authorization: `Bearer ${session.json.token}` } })).json
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await home.locator('.masked-name').getByText(summary.maskedName).waitFor()
  await home.getByText(summary.region.name).first().waitFor()
  await home.locator('.as-of').getByText(/数据截至 ?(2026年11月20日|昨天|今天)/).waitFor()
  for (const label of ['账户余额', '缴费记录', '消费记录', '报销进度']) await home.getByText(label).first().waitFor()
  await page.screenshot({ path: join(out, 'h5-home.png') })

  await home.locator('.card-more').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await balance.locator('.insurance-type').getByText(summary.insuranceTypeName).waitFor()
  await balance.locator('.region-name').getByText(summary.region.name).waitFor()
  await page.screenshot({ path: join(out, 'h5-balance.png') })

  // The token lives in sessionStorage only; localStorage holds nothing sensitive, only the privacy-policy version
  // agreed on this browser (so a new tab does not ask again).
  const stores = await page.evaluate(() => ({ local: JSON.stringify(localStorage), session: JSON.stringify(sessionStorage) }))
  expect(stores.session.length).toBeGreaterThan(2)
  expect(stores.local).toContain('yibao.privacy')
  expect(stores.local).not.toMatch(/[A-Za-z0-9_-]{43}/)
  expect(stores.local).not.toContain(person.phone)

  expect(pageErrors).toEqual([])
  // The dev SMS line on the console shows the phone masked; the logger's lines never carry phone, code or token.
  expect(server.output()).toContain(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`)
  const logLines = (server.output() + server.errors()).split('\n').filter((l) => l.startsWith('{'))
  expect(logLines.some((l) => l.includes('/api/v1/auth/login/sms'))).toBe(true)
  // Timestamps and durations are digits too: drop them so that a bare 6-digit code is searched for honestly.
  const logText = logLines.join('\n').replace(/"(time|responseTime|pid)":[0-9.]+/g, '')
  for (const secret of [person.phone, code, session.json.token]) expect(logText).not.toContain(secret)
})
