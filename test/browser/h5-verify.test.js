// Browser layer: the verification window passes while the person is on 余额; the next load there opens 身份验证,
// and after an SMS code (or the query password) the person is back on 余额 with the balance shown.
const { join } = require('node:path')
const { launchBrowser, phonePage, outputDir: out, agreeToPrivacy, agreeToSensitive } = require('../support/browser')
const { yuan } = require('../support/money')
const { startServer, requestJson, latestSmsCode } = require('../support/server-process')
const { demoPersons } = require('../support/demo-persons')

jest.setTimeout(120_000)

let server; let browser; const pageErrors = []
beforeAll(async () => {
  // A 4-second window, so that it can pass during the test.
  server = await startServer({ VERIFY_WINDOW_SECONDS: '4' })
  browser = await launchBrowser()
})
afterAll(async () => { await browser?.close(); await server?.stop() })

/** A new browser context per person: nothing of one person's session is left for the next. */
const freshPage = () => phonePage(browser, pageErrors)

const masked = (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`

/**
 * A session of the test's own, opened after the person's (a dev demo platform login counts as verified): its
 * summary is the figure to expect, and once it is refused the person's older window has surely passed too.
 */
async function ownSession (n) {
  const login = await requestJson(`${server.url}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code: `wx-demo-${n}` } })
  const headers = { authorization: `Bearer ${login.json.token}` }
  const first = await requestJson(`${server.url}/api/v1/account`, { headers })
  expect(first.status).toBe(200)
  return {
    summary: first.json,
    /** Polls (never a fixed sleep) until the server asks this session to verify again. */
    async windowPassed () {
      for (const start = Date.now(); ;) {
        const r = await requestJson(`${server.url}/api/v1/account`, { headers })
        if (r.status === 403 && r.json?.error?.code === 'verification_required') return
        if (Date.now() - start > 30_000) throw new Error(`the verification window did not pass: ${r.status} ${r.text}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
  }
}

/** 首页 (after the person's sensitive-information consent) → 余额 with the balance shown. */
async function openBalance (page, summary) {
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  await home.locator('.card-more').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.locator('.balance-amount').getByText(yuan(summary.balanceFen)).waitFor()
  return balance
}

/** Back to 首页, which no longer shows the figure once the window has passed: 去验证 stands in its place. */
async function backToHomeAndVerify (page, summary) {
  await page.goBack()
  const home = page.locator('.taro_page_stationed .home-page')
  await home.getByRole('heading', { name: '请先验证身份' }).waitFor()
  expect(await home.getByText(yuan(summary.balanceFen)).count()).toBe(0)
  await home.getByRole('button', { name: '去验证' }).click()
}

test('window passed → 首页 drops the figure → 身份验证 by SMS code → back on 首页 with the balance', async () => {
  const person = demoPersons()[0]
  const page = await freshPage()
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page) // each fresh context is a first run
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  await login.locator('.phone-input input').fill(person.phone)
  await login.locator('taro-button-core.send-code-btn').click()
  await login.getByText(/\d+秒后重新获取/).waitFor()
  await login.locator('.code-input input').fill(await latestSmsCode(server.url, person.phone, { purpose: 'login' }))
  await login.locator('taro-button-core.sms-login-btn').click()

  // The person's consent first: the test's own session reads under it (the server reads nothing without it).
  await agreeToSensitive(page)
  const own = await ownSession(1)
  await openBalance(page, own.summary)
  await own.windowPassed()
  // The person's own session says the same: its window ended before the test's.
  const stored = JSON.parse(await page.evaluate(() => Object.values(sessionStorage).find((v) => v.includes('verifiedUntil'))))
  expect(Date.parse(stored.verifiedUntil)).toBeLessThan(Date.now())

  await backToHomeAndVerify(page, own.summary)
  const verify = page.locator('.taro_page_stationed .verify-page')
  await verify.waitFor()
  await verify.locator('.verify-sms-tab.nut-tabs-titles-item-active').waitFor()
  await verify.getByText('为保护您的医保信息').first().waitFor()
  await verify.locator('.verify-phone').getByText(masked(person.phone)).waitFor()
  await verify.locator('.verify-password-tab').waitFor()
  await verify.locator('.verify-method-face').getByText('当前环境不支持刷脸验证', { exact: false }).waitFor()

  // A code that is too short is caught on the page, before any request.
  await verify.locator('.verify-code-input input').fill('12')
  await verify.locator('taro-button-core.verify-submit-btn').click()
  await verify.locator('.verify-error').getByText('请输入 6 位数字验证码').waitFor()

  const before = new Date(Date.now() - 1000).toISOString()
  await verify.locator('taro-button-core.verify-send-code-btn').click()
  await verify.locator('.verify-code-sent').getByText(`验证码已发送至 ${masked(person.phone)}，5 分钟内有效`).waitFor()
  await verify.getByText(/\d+秒后重新获取/).waitFor()
  const code = await latestSmsCode(server.url, person.phone, { purpose: 'verify', after: before })
  await verify.locator('.verify-code-input input').fill(code)
  await page.screenshot({ path: join(out, 'h5-verify.png') })
  await verify.locator('taro-button-core.verify-submit-btn').click()

  // Back where the person was, with the figure loaded again (no stale error, no skeleton).
  const home = page.locator('.taro_page_stationed .home-page')
  await home.locator('.balance-amount').getByText(yuan(own.summary.balanceFen)).waitFor()
  expect(await home.locator('.load-failed').count()).toBe(0)
  expect(page.url()).toContain('/pages/index/index')
  expect(pageErrors).toEqual([])
})

test('window passed on 余额 → 身份验证 by query password → back on 余额 with the balance', async () => {
  const person = demoPersons()[3]
  const page = await freshPage()
  await page.goto(`${server.url}/#/pages/index/index`)
  await agreeToPrivacy(page) // each fresh context is a first run
  await page.locator('taro-button-core.login-entry-btn').click()
  const login = page.locator('.taro_page_stationed .login-page')
  await login.waitFor()
  await login.locator('.password-tab').click()
  await login.locator('.password-tab.nut-tabs-titles-item-active').waitFor()
  await login.locator('.identifier-input input').fill(person.idNumber)
  await login.locator('.password-input input').fill(person.queryPassword)
  await login.locator('taro-button-core.password-login-btn').click()

  // The person's consent first: the test's own session reads under it (the server reads nothing without it).
  await agreeToSensitive(page)
  const own = await ownSession(4)
  await openBalance(page, own.summary)
  await own.windowPassed()

  // 余额 opened again (the tab reloaded on it) asks the server, which refuses, and opens 身份验证 over it.
  await page.reload()
  const verify = page.locator('.taro_page_stationed .verify-page')
  await verify.waitFor()
  await verify.locator('.verify-password-tab').click()
  await verify.locator('.verify-password-tab.nut-tabs-titles-item-active').waitFor()

  // A wrong password: the server's sentence with the tries left, and the person stays here.
  await verify.locator('.verify-password-input input').fill(person.queryPassword === '000000' ? '999999' : '000000')
  await verify.locator('taro-button-core.verify-submit-btn').click()
  await verify.locator('.verify-error').getByText('还可以再试 4 次').waitFor()

  await verify.locator('.verify-password-input input').fill(person.queryPassword)
  await verify.locator('taro-button-core.verify-submit-btn').click()
  const balance = page.locator('.taro_page_stationed .balance-page')
  await balance.locator('.balance-amount').getByText(yuan(own.summary.balanceFen)).waitFor()
  expect(await balance.locator('.load-failed').count()).toBe(0)
  expect(pageErrors).toEqual([])
})
