// The browser layer's shared pieces: the system Chromium with the flags this closed network needs, a phone-sized
// page in a fresh context (nothing of one person's session is left for the next), and where screenshots go.
const { mkdirSync } = require('node:fs')
const { join } = require('node:path')
const { chromium } = require('playwright-core')

const outputDir = join(__dirname, '..', '..', 'test-output')
mkdirSync(outputDir, { recursive: true })

function launchBrowser () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  })
}

/** A 375×667 phone page whose uncaught errors are collected into `pageErrors`. */
async function phonePage (browser, pageErrors) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'UTC' })
  const page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(e.message))
  return page
}

/**
 * 同意并继续 in the privacy dialog, through the real UI: a fresh context meets it on its first page (首页, or 登录
 * when opened directly). Waits for the dialog's text, taps the agree button, and waits until the dialog has gone.
 */
async function agreeToPrivacy (page) {
  const dialog = page.locator('.taro_page_stationed .privacy-dialog')
  await dialog.getByText('同意并继续').waitFor()
  await dialog.locator('taro-button-core.privacy-agree-btn').click()
  await dialog.waitFor({ state: 'detached' })
}

/**
 * 同意 on 首页's sensitive-information panel, through the real UI: each person meets it once (the server keeps the
 * consent), after login and before any account data. Waits for the panel's text, taps 同意, waits until it has gone.
 */
async function agreeToSensitive (page) {
  const panel = page.locator('.taro_page_stationed .consent-panel')
  await panel.getByText('《敏感个人信息处理授权书》全文').waitFor()
  await panel.locator('taro-button-core.sensitive-agree-btn').click()
  await panel.waitFor({ state: 'detached' })
}

module.exports = { launchBrowser, phonePage, outputDir, agreeToPrivacy, agreeToSensitive }
