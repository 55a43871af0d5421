// Browser layer: the first-run privacy agreement and the separate consent for sensitive information on the H5 build,
// as a person meets them: 不同意 keeps login closed (and says why), 同意 opens it; after login the consent panel
// comes before any balance; after 同意 the balance shows, and the server has recorded both; a consent withdrawn
// elsewhere stops the next read and brings the panel back. Screenshots of each.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, requestJson, latestSmsCode } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(120_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/** This tab's session token (sessionStorage), to ask the server what it recorded. */
async function tokenOf (page) {
  const raw = await page.evaluate(() => sessionStorage.getItem('yibao.session'))
  return JSON.parse(raw).token
}

test('first run → 不同意 keeps login closed → 同意 → login → consent panel before the balance → 同意 → balance', async () => {
  const person = demoPersons()[1]
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/index/index`)

  // The privacy dialog, with the server's text: the main points, the full text on request.
  const home = page.locator('.taro_page_stationed .home-page')
  const dialog = home.locator('.privacy-dialog')
  await dialog.getByText('同意并继续').waitFor()
  for (const words of ['个人信息保护提示', '我们收集什么', '用来做什么', '您的权利', '12393']) await dialog.getByText(words, { exact: false }).first().waitFor()
  expect(await home.locator('taro-button-core.login-entry-btn').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-privacy-dialog.png') })
  await dialog.getByText('查看《隐私政策》全文').click()
  await dialog.getByText('一、我们是谁').waitFor()
  await page.screenshot({ path: join(out, 'h5-privacy-full-text.png') })

  // 不同意: what the app is stays readable; login is not offered, and the page says why and how to change that.
  await dialog.locator('taro-button-core.privacy-disagree-btn').click()
  await dialog.waitFor({ state: 'detached' })
  const declined = home.locator('.privacy-declined')
  await declined.getByText('您暂未同意《隐私政策》').waitFor()
  await declined.getByText('我们不会收集您的任何信息，所以暂时不能登录', { exact: false }).waitFor()
  await home.getByText('查看您的医保个人账户').waitFor()
  expect(await home.locator('taro-button-core.login-entry-btn').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-privacy-declined.png') })

  // Reading it again and agreeing opens login.
  await declined.locator('taro-button-core.privacy-read-btn').click()
  await agreeToPrivacy(page)
  await home.locator('taro-button-core.login-entry-btn').click()

  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  expect(await login.locator('.privacy-cover').count()).toBe(0)
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()

  // After login: the separate consent comes first, and no account data is on the screen.
  const panel = page.locator('.taro_page_stationed .home-page .consent-panel')
  await panel.getByText('查看医保信息前，请您单独授权').waitFor()
  await panel.getByText('《敏感个人信息处理授权书》全文', { exact: false }).waitFor()
  for (const words of ['医保个人账户余额、每月缴费、就医和费用、报销记录', '为什么需要', '设置 › 隐私与授权', '12393']) {
    await panel.getByText(words, { exact: false }).first().waitFor()
  }
  expect(await page.locator('.balance-amount').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-sensitive-consent.png') })

  // 暂不同意: said kindly, with the way back.
  await panel.locator('taro-button-core.sensitive-decline-btn').click()
  await panel.getByText('您暂未同意，我们不会读取您的医保信息').waitFor()
  expect(await page.locator('.balance-amount').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-sensitive-declined.png') })
  await panel.locator('taro-button-core.sensitive-reconsider-btn').click()

  // The privacy policy agreed before login is already on record, the sensitive consent not yet.
  const token = await tokenOf(page)
  const before = await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization: `Bearer ${token}` } })
  expect(before.json.items.map((i) => [i.document, i.acceptedAt !== null])).toEqual([['privacy', true], ['sensitive', false]])

  await panel.locator('taro-button-core.sensitive-agree-btn').click()
  // The server reads account data only with the consent on record: the panel goes once it is.
  await panel.waitFor({ state: 'detached' })
  const own = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: 'wx-demo-2' } })
  const summary = (await requestJson(`${server.url}/api/v1/account`, { headers: { authorization: `Bearer ${own.json.token}` } })).json
  const balance = page.locator('.taro_page_stationed .home-page .balance-amount')
  await balance.getByText(yuan(summary.balanceFen)).waitFor()
  expect(await page.locator('.consent-panel').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-home-after-consent.png') })

  // The server recorded both, for this person (the test's own session of the same person sees them too).
  for (const t of [token, own.json.token]) {
    const after = await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization: `Bearer ${t}` } })
    expect(after.json.items.map((i) => [i.document, i.acceptedAt !== null])).toEqual([['privacy', true], ['sensitive', true]])
  }
  expect(pageErrors).toEqual([])
})

test('登录 opened directly on a first run is covered until the policy is agreed', async () => {
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/login/index`)
  const login = page.locator('.taro_page_stationed .login-page')
  const dialog = login.locator('.privacy-dialog')
  await dialog.getByText('同意并继续').waitFor()
  await dialog.locator('taro-button-core.privacy-disagree-btn').click()
  const cover = login.locator('.privacy-cover')
  await cover.getByText('您暂未同意《隐私政策》').waitFor()
  await cover.locator('taro-button-core.privacy-back-btn').waitFor()
  // The login form is under the cover: what a tap on its button would reach is the cover.
  const box = await login.locator('taro-button-core.sms-login-btn').boundingBox()
  const hit = await page.evaluate(({ x, y }) => !!globalThis.document.elementFromPoint(x, y)?.closest('.privacy-cover'), { x: box.x + box.width / 2, y: box.y + box.height / 2 })
  expect(hit).toBe(true)
  await page.screenshot({ path: join(out, 'h5-login-privacy-cover.png') })

  await cover.locator('taro-button-core.privacy-read-btn').click()
  await agreeToPrivacy(page)
  await cover.waitFor({ state: 'detached' })
  await login.locator('taro-button-core.sms-login-btn').waitFor()
  expect(pageErrors).toEqual([])
})

test('withdrawn on another device: the next read is refused, 余额 says so, 首页 shows the panel again, 同意 brings the balance back', async () => {
  const person = demoPersons()[3] // an employee: 首页 shows a balance
  const page = await phonePage(browser, pageErrors)
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page)
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()
  await agreeToSensitive(page)
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').waitFor()
  const shown = await home.locator('.balance-amount [aria-hidden="true"]').innerText()

  // The person withdraws the sensitive-information consent in another session (another phone).
  const other = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: 'wx-demo-4' } })
  const withdrawn = await requestJson(`${server.url}/api/v1/consents/sensitive`, { method: 'DELETE', headers: { authorization: `Bearer ${other.json.token}` } })
  expect(withdrawn.status).toBe(200)

  // 账户余额 asks for the current figure: refused, and the page says why and where to go, with no figure on it.
  await home.locator('.card-more').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.getByText('查看医保账户信息前，需要您单独同意我们处理这些信息。请回到首页阅读授权说明。').waitFor()
  await balance.getByRole('heading', { name: '需要您的授权' }).waitFor()
  expect(await balance.locator('.balance-amount').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-balance-consent-withdrawn.png') })
  await balance.locator('taro-button-core.consent-home-btn').click()

  // 首页 asks again with the panel; its old figure is gone. 同意 reads the account again.
  const panel = home.locator('.consent-panel')
  await panel.getByText('《敏感个人信息处理授权书》全文').waitFor()
  expect(await home.locator('.balance-amount').count()).toBe(0)
  await page.screenshot({ path: join(out, 'h5-home-consent-again.png') })
  await agreeToSensitive(page)
  await home.locator('.balance-amount').getByText(shown).waitFor()
  const token = await tokenOf(page)
  const standing = await requestJson(`${server.url}/api/v1/consents`, { headers: { authorization: `Bearer ${token}` } })
  expect(standing.json.items.map((i) => [i.document, i.acceptedAt !== null])).toEqual([['privacy', true], ['sensitive', true]])
  expect(pageErrors).toEqual([])
})
