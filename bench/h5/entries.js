// bench:h5 (entry pages) — how fast the two pages people reach from outside the app paint in Chromium at 4× CPU
// throttling: a hospital's printed code (`/h/<entry code>` → the hospital page's public part) and a family member's
// shared link (the family view), each cold (fresh context, HTTP cache off), against the real server with demo data.
// Goal: navigation → painted ≤ 1.0 s each. Figures are printed; the exit code is non-zero only on errors.
/* global window, document, requestAnimationFrame, MutationObserver -- used inside addInitScript, which runs in the browser */
const { adminOf, startServer, requestJson, DEMO_AS_OF } = require('../../test/support/server-process')
const { distDir } = require('../../test/support/dist')
const { launchBrowser } = require('../../test/support/browser')
const { demoPersons } = require('../../test/support/demo-persons')

const RATE = Number(process.env.BENCH_H5_CPU_RATE || 4)
const RUNS = Number(process.env.BENCH_H5_RUNS || 5)
const GOAL_S = 1.0
const TIMEOUT_MS = Number(process.env.BENCH_H5_TIMEOUT_MS || 60_000)
const log = (...a) => console.log(...a)

// In the page before the app's scripts: the privacy answer (a first visit would show the dialog over the page, which
// both pages show anyway; the figure is the page's content) and a watcher for a text on screen, painted.
function probe ({ privacy, text }) {
  try { window.localStorage.setItem('yibao.privacy', privacy) } catch { /* about:blank */ }
  if (window.__entry) return
  const b = window.__entry = {}
  const shown = () => [...document.querySelectorAll('body *')].some((el) => {
    if (el.children.length || !el.textContent.includes(text)) return false
    const r = el.getBoundingClientRect()
    return r.height > 0 && r.width > 0 && r.top < window.innerHeight
  })
  b.painted = new Promise((resolve) => {
    let done = false
    const check = () => {
      if (done || !shown()) return
      done = true; obs.disconnect()
      const dom = performance.now()
      requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => resolve({ dom, paint: performance.now() }); ch.port2.postMessage(0) })
    }
    const obs = new MutationObserver(check)
    obs.observe(document, { childList: true, subtree: true, characterData: true })
    check()
  })
}

async function ok (res, what) {
  if (res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.text}`)
  return res.json
}

/** A live entry code of a demo hospital (through the operator route, which answers the current code) and its name. */
async function hospital (origin) {
  const code = 'H31010400001'
  const admin = adminOf(origin)
  const entry = await ok(await requestJson(`${admin.url}/api/v1/operator/institutions/${code}/entry`, {
    method: 'POST', headers: admin.headers, body: {},
  }), 'operator entry code')
  const pub = await ok(await requestJson(`${origin}/api/v1/institutions/entries/${entry.entryCode}`), 'public entry')
  return { path: `/h/${entry.entryCode}`, text: pub.institution.name }
}

/** Demo person 1 shares their newest claim (amounts hidden); the family link and the title the view shows. */
async function sharedLink (origin) {
  const person = demoPersons()[0]
  const login = await ok(await requestJson(`${origin}/api/v1/auth/login/password`, {
    method: 'POST', body: { cardNumber: person.cardNumber, password: person.queryPassword },
  }), 'password login')
  const auth = { authorization: `Bearer ${login.token}` }
  // The server reads account data only with the person's current consents, as the app gives them after login.
  const docs = await ok(await requestJson(`${origin}/api/v1/consents/documents`), 'consent documents')
  for (const d of docs.items) {
    await ok(await requestJson(`${origin}/api/v1/consents`, { method: 'POST', headers: auth, body: { document: d.document, version: d.version, channel: 'h5' } }), `consent ${d.document}`)
  }
  const claims = await ok(await requestJson(`${origin}/api/v1/claims?limit=1`, { headers: auth }), 'claims')
  const claim = claims.items[0]
  const made = await ok(await requestJson(`${origin}/api/v1/claims/${claim.id}/shares`, {
    method: 'POST', headers: auth, body: { duration: '1d', showAmounts: false, channel: 'h5' },
  }), 'share')
  return { path: `/#/packages/share/pages/view/index?t=${made.token}`, text: claim.title }
}

async function oneRun (browser, origin, privacy, target, rate) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'UTC' })
  try {
    await context.addInitScript(probe, { privacy, text: target.text })
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate })
    await page.goto(origin + target.path, { waitUntil: 'commit', timeout: TIMEOUT_MS })
    const shown = await Promise.race([
      page.evaluate(() => window.__entry.painted),
      new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`"${target.text}" not shown in ${TIMEOUT_MS} ms; errors: ${errors.join('; ')}`)), TIMEOUT_MS)),
    ])
    const js = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'script' || /\.js$/.test(e.name)).reduce((a, e) => a + e.encodedBodySize, 0))
    return { ...shown, js }
  } finally {
    await context.close()
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)] }

async function main () {
  const server = await startServer({ STATIC_ROOT: distDir('h5'), DEMO_AS_OF })
  const browser = await launchBrowser()
  try {
    const origin = server.url
    const docs = await ok(await requestJson(`${origin}/api/v1/consents/documents`), 'consent documents')
    const privacy = docs.items.find((d) => d.document === 'privacy').version
    const targets = [['hospital page, public part', await hospital(origin)], ['family view', await sharedLink(origin)]]
    log(`bench:h5 entry pages — ${RUNS} cold runs at ${RATE}× CPU throttling (one warm-up first), load ${require('node:os').loadavg().map((n) => n.toFixed(1)).join(' ')}`)
    for (const [name, target] of targets) {
      await oneRun(browser, origin, privacy, target, 1)
      const runs = []
      for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, origin, privacy, target, RATE))
      const paints = runs.map((r) => r.paint)
      const m = median(paints) / 1000
      log(`\n${name} (${target.path.replace(/t=[^&]+/, 't=…')})`)
      log(`  navigation → painted: median ${m.toFixed(2)} s, max ${(Math.max(...paints) / 1000).toFixed(2)} s; runs ${paints.map((p) => (p / 1000).toFixed(2)).join(', ')}`)
      log(`  JavaScript transferred: ${(runs[0].js / 1024).toFixed(1)} KB`)
      log(`  goal ≤ ${GOAL_S.toFixed(1)} s → ${m <= GOAL_S ? 'met' : 'not met'}`)
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

main().catch((e) => { console.error(e); process.exit(1) })
