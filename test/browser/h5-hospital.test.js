// Browser layer: a hospital's printed URL (`/h/<entry code>`) opened in Chromium, as any scanner but WeChat's and
// Alipay's would. The server sends it to the H5 hospital page: the institution, its claims desk and what to bring,
// for everyone; 登录后查看 logs in (SMS) and comes back, and after the sensitive-information consent the person's
// spending and claims there this year, each opening its list filtered to this institution. An unknown code, a code
// the institution stopped using and a malformed one each get their own kind page.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { startServer, latestSmsCode, readAs, requestJson } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')
const { demoInstitutions } = require('../support/demo-institutions')
const { yuan } = require('../support/money')

jest.setTimeout(150_000)
const OPERATOR_TOKEN = 'operator-token-for-the-hospital-browser-test-0123456789'

let server; let browser; let page; const pageErrors = []
beforeAll(async () => {
  server = await startServer({ OPERATOR_TOKEN })
  browser = await launchBrowser()
  page = await phonePage(browser, pageErrors)
})
afterAll(async () => { await browser?.close(); await server?.stop() })

const stationed = (cls) => page.locator(`.taro_page_stationed .${cls}`)

/** The whole page in one picture: H5 pages scroll inside Taro's page container, so the window grows for the shot. */
async function screenshot (name, cls) {
  const height = await stationed(cls).evaluate((el) => Math.ceil(el.getBoundingClientRect().height))
  await page.setViewportSize({ width: 375, height: Math.max(667, height) })
  await page.screenshot({ path: join(out, name) })
  await page.setViewportSize({ width: 375, height: 667 })
}

test('the printed URL shows the hospital; after login, my spending and claims there; unknown, revoked, malformed codes', async () => {
  const person = demoPersons()[0]
  // A hospital person 1 has been to (their figures there are not all zero), with a claims desk.
  const been = (await readAs(server.url, 'wx-demo-1', '/api/v1/spending/institutions')).items.map((i) => i.code)
  const institutions = demoInstitutions()
  const a = institutions.find((i) => been.includes(i.code) && i.desk && i.kind === 'hospital')
  expect(a).toBeTruthy()

  // The printed URL: the server sends the browser to the H5 hospital page.
  await page.goto(`${server.url}/h/${a.entryCode}`)
  const hospital = stationed('hospital-page')
  await hospital.locator('.hospital-name').getByText(a.name).waitFor()
  expect(page.url()).toBe(`${server.url}/#/packages/hospital/pages/index/index?code=${a.entryCode}`)
  await hospital.locator('.hospital-grade').getByText(`${a.level} · 医院`).waitFor()
  await hospital.locator('.hospital-designated').getByText('医保定点').waitFor()
  await hospital.locator('.hospital-address').getByText(a.address).waitFor()
  await hospital.locator('.desk-place').getByText(a.desk.place).waitFor()
  await hospital.locator('.desk-hours').getByText(a.desk.hours).waitFor()
  expect(await hospital.locator('.bring-text').allTextContents()).toEqual(a.bring)
  // Readable by a screen reader: the name is the page's heading; the phone row is a button that says what it does.
  await page.getByRole('heading', { level: 1, name: a.name }).waitFor()
  const phone = page.getByRole('button', { name: `拨打医保窗口电话 ${a.desk.phone}` })
  await phone.waitFor()
  expect(await phone.getAttribute('tabindex')).toBe('0')
  // Signed out: nothing personal is asked for; the way to it is offered.
  const loginBtn = hospital.locator('taro-button-core.mine-login-btn')
  await loginBtn.getByText('登录后查看我在这里的消费和报销').waitFor()
  await page.getByRole('button', { name: '登录后查看我在这里的消费和报销' }).waitFor()
  await screenshot('h5-hospital.png', 'hospital-page')

  // 登录后查看: privacy (first run in this browser), SMS login, and back to this hospital.
  await loginBtn.click()
  const login = stationed('login-page')
  await login.waitFor()
  await agreeToPrivacy(page)
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()
  await hospital.locator('.hospital-name').getByText(a.name).waitFor()
  expect(page.url()).toContain(`/packages/hospital/pages/index/index?code=${a.entryCode}`)
  // The separate consent, on this page; then the figures, as the API gives them to this person.
  await agreeToSensitive(page)
  const mine = await readAs(server.url, 'wx-demo-1', `/api/v1/institutions/entries/${a.entryCode}/mine`)
  expect(mine.spending.count).toBeGreaterThan(0)
  const spendingRow = hospital.locator('.mine-spending')
  await spendingRow.getByText(`${mine.year}年 ${mine.spending.count} 次，共 ${yuan(mine.spending.totalFen)}`).waitFor()
  await spendingRow.getByText(`个人账户支付 ${yuan(mine.spending.accountFen)}，自付 ${yuan(mine.spending.selfFen)}`).waitFor()
  const claimsRow = hospital.locator('.mine-claims')
  await claimsRow.getByText(mine.claims.count ? `${mine.year}年 ${mine.claims.count} 笔，申请 ${yuan(mine.claims.claimedFen)}` : `${mine.year}年没有在这里就诊的报销`).waitFor()
  await page.getByRole('button', { name: /^我在这里的消费：/ }).waitFor()
  await screenshot('h5-hospital-mine.png', 'hospital-page')

  // 我在这里的消费 → 消费记录, filtered to this institution from the first load.
  const listCalls = []
  const onRequest = (r) => { if (/\/api\/v1\/(spending|claims)\?/.test(r.url())) listCalls.push(r.url()) }
  page.on('request', onRequest)
  await spendingRow.click()
  const spending = stationed('spending-page')
  await spending.locator('.filter-btn--institution.filter-btn--active').getByText(a.name).waitFor()
  expect(page.url()).toContain(`institution=${a.code}`)
  await spending.locator('.row .inst').first().waitFor()
  expect(new Set(await spending.locator('.row .inst').allTextContents())).toEqual(new Set([a.name]))
  await page.goBack()
  // 我在这里的报销 → 报销进度, filtered the same way.
  await claimsRow.click()
  const claims = stationed('claims-page')
  await claims.locator('.filter-btn--institution.filter-btn--active').getByText(a.name).waitFor()
  await claims.locator('.claim-row').first().waitFor()
  for (const meta of await claims.locator('.claim-row-meta').allTextContents()) expect(meta).toContain(a.name)
  page.off('request', onRequest)
  expect(listCalls.length).toBeGreaterThanOrEqual(2)
  for (const url of listCalls) expect(new URL(url).searchParams.get('institution')).toBe(a.code)
  await page.goBack()
  await hospital.locator('.mine-spending').waitFor()

  // An unknown code (well formed, but no institution has it): a page that says so and offers 首页.
  await page.goto(`${server.url}/h/ZZZZZZZZ`)
  const missing = stationed('hospital-missing--unknown')
  await missing.getByText('没有找到这家机构').waitFor()
  await page.getByRole('button', { name: '返回首页' }).waitFor()
  await screenshot('h5-hospital-unknown.png', 'hospital-page')

  // A code the institution stopped using (the operator revoked it): its own page.
  const revoke = await requestJson(`${server.admin.url}/api/v1/operator/institutions/${a.code}/entry`, { method: 'DELETE', headers: { 'x-operator-token': OPERATOR_TOKEN } })
  expect(revoke.status).toBeLessThan(300)
  await page.goto(`${server.url}/h/${a.entryCode}`)
  await stationed('hospital-missing--revoked').getByText('这个二维码已停用').waitFor()
  await screenshot('h5-hospital-revoked.png', 'hospital-page')
  await stationed('hospital-missing--revoked').locator('taro-button-core.hospital-home-btn').click()
  await stationed('home-page').waitFor()

  // A malformed code: the server sends it to 首页, which says in one sentence that it could not be read.
  await page.goto(`${server.url}/h/not-a-code`)
  const home = stationed('home-page')
  await home.locator('.entry-notice').getByText('二维码无法识别，请扫描医院医保窗口张贴的二维码').waitFor()
  await page.getByRole('alert').filter({ hasText: '二维码无法识别' }).waitFor()
  await screenshot('h5-hospital-malformed.png', 'home-page')

  // 扫一扫 in a browser: no camera here, so a link is pasted instead; another hospital's printed URL opens its page.
  const b = institutions.find((i) => i.code !== a.code && i.kind === 'hospital')
  await home.locator('.entry-scan').click()
  const dialog = page.getByRole('dialog', { name: '打开医院或家人的链接' })
  await dialog.waitFor()
  await dialog.locator('.paste-link-input input').fill('https://shop.example.com/item/1')
  await dialog.locator('taro-button-core.paste-link-open-btn').click()
  await dialog.getByRole('alert').getByText('链接无法识别，请粘贴医院二维码下方的网址，或家人发给您的链接').waitFor()
  await page.screenshot({ path: join(out, 'h5-scan-paste.png') })
  await dialog.locator('.paste-link-input input').fill(`${server.url}/h/${b.entryCode}`)
  await dialog.locator('taro-button-core.paste-link-open-btn').click()
  await hospital.locator('.hospital-name').getByText(b.name).waitFor()
  expect(page.url()).toContain(`/packages/hospital/pages/index/index?code=${b.entryCode}`)

  expect(pageErrors).toEqual([])
})
