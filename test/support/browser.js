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

module.exports = { launchBrowser, phonePage, outputDir }
