// Compiled weapp layer: arriving from a hospital's QR code, against the real server. A cold start from a WeChat
// mini-program code (`scene`) lands on that hospital's page (public part, signed out; the desk's phone dials);
// logging in from there comes back to it, and after the sensitive-information consent it shows the person's own
// spending and claims there. A warm start with a new `scene` moves to the new hospital; a plain-link QR (`q`) to
// 首页 is routed to its hospital; a malformed scene lands on 首页 with the one sentence.
const { distDir } = require('../support/dist')
const { createMiniProgram, waitFor, agreeToSensitive } = require('./harness')
const { startServer, readAs, requestJson } = require('../support/server-process')
const { demoInstitutions } = require('../support/demo-institutions')
const { yuan } = require('../support/money')

jest.setTimeout(90_000)
const root = distDir('weapp')
const HOSPITAL = 'packages/hospital/pages/index/index'
const SENTENCE = '二维码无法识别，请扫描医院医保窗口张贴的二维码'

let server
beforeAll(async () => { server = await startServer() })
afterAll(async () => { await server?.stop() })

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')
const route = (mp) => mp.pages[mp.pages.length - 1]?.route
const scene = (code) => `h%3D${code}` // as WeChat hands a mini-program code's scene over: URL-encoded

test('cold start from a mini-program code, login and back, warm starts, a plain link, a malformed scene', async () => {
  // Where person 1 has been (so their figures there are not all zero), and a second hospital.
  const been = (await readAs(server.url, 'wx-demo-1', '/api/v1/spending/institutions')).items.map((i) => i.code)
  const institutions = demoInstitutions()
  const a = institutions.find((i) => been.includes(i.code) && i.desk && i.kind === 'hospital')
  const b = institutions.find((i) => i.code !== a.code && i.kind === 'hospital')
  expect(a && b).toBeTruthy()

  // Cold start: WeChat opens the hospital page itself with the scene; the app does not route again.
  // A returning person: this phone agreed to the privacy policy on an earlier run. (The dialog's own flow is tested
  // from 首页; the harness draws deep nodes only on the first page a test file opens, and here that is the hospital.)
  const privacy = (await requestJson(`${server.url}/api/v1/consents/documents`)).json.items.find((d) => d.document === 'privacy')
  const mp = createMiniProgram({ root, apiOrigin: server.url, loginCode: 'wx-demo-1', launch: { path: HOSPITAL, query: { scene: scene(a.entryCode) }, scene: 1047 } })
  mp.storage.set('yibao.privacy', { data: JSON.stringify({ version: privacy.version, acceptedAt: new Date().toISOString() }), encrypt: false })
  const hospital = await waitFor(() => route(mp) === HOSPITAL && mp.current())
  await waitFor(() => text(hospital).includes(a.name), 10_000)
  expect(mp.pages).toHaveLength(1)
  const shown = text(hospital)
  for (const s of [a.level, '医保定点', a.address, a.desk.place, a.desk.hours, a.desk.phone, ...a.bring]) expect(shown).toContain(s)
  // Signed out: the public part only, and the way to the personal part.
  expect(shown).toContain('登录后查看我在这里的消费和报销')
  expect(shown).toContain('进入医保账户首页') // the first page offers 首页
  const entryCall = mp.requests.find((r) => r.url.endsWith(`/api/v1/institutions/entries/${a.entryCode}`))
  expect(entryCall.header).toMatchObject({ 'X-Client-Channel': 'weapp', 'X-Entry-Scene': 'hospital:1047' })
  expect(entryCall.header.Authorization).toBeUndefined()
  expect(mp.requests.some((r) => r.url.includes('/mine'))).toBe(false)

  // The desk's phone: a tap dials it through WeChat (digits only).
  hospital.querySelector('.desk-phone').dispatchEvent('tap')
  await waitFor(() => mp.phoneCalls.length === 1)
  expect(mp.phoneCalls).toEqual([a.desk.phone.replace(/\D/g, '')])

  // 登录后查看: the login page, WeChat login, and back to this hospital.
  hospital.querySelector('.mine-login-btn').dispatchEvent('tap')
  const login = await waitFor(() => mp.pages.length === 2 && route(mp) === 'pages/login/index' && mp.current())
  ;(await waitFor(() => login.querySelector('.platform-login-btn'))).dispatchEvent('tap')
  await waitFor(() => mp.pages.length === 1 && route(mp) === HOSPITAL, 10_000)
  // The separate consent to sensitive information, on this page, then the person's figures here this year.
  await agreeToSensitive(mp, hospital)
  const mine = await readAs(server.url, 'wx-demo-1', `/api/v1/institutions/entries/${a.entryCode}/mine`)
  await waitFor(() => text(hospital).includes('我在这里的消费'), 10_000)
  const figures = text(hospital)
  expect(figures).toContain(mine.spending.count ? `${mine.year}年 ${mine.spending.count} 次，共 ${yuan(mine.spending.totalFen)}` : `${mine.year}年还没有在这里结算过`)
  expect(figures).toContain('我在这里的报销')
  const mineCall = mp.requests.find((r) => r.url.endsWith(`/api/v1/institutions/entries/${a.entryCode}/mine`))
  expect(mineCall.header.Authorization).toMatch(/^Bearer /)
  expect(mineCall.header['X-Entry-Scene']).toBe('hospital:1047')

  // Warm start from another hospital's mini-program code: WeChat relaunches to the page with the new scene.
  mp.warmStart({ path: HOSPITAL, query: { scene: scene(b.entryCode) }, scene: 1047 })
  const second = await waitFor(() => route(mp) === HOSPITAL && mp.current() !== hospital && mp.current())
  await waitFor(() => text(second).includes(b.name), 10_000)
  expect(mp.pages).toHaveLength(1)
  expect(text(second)).not.toContain(a.name)

  // A plain-link QR (the printed URL) whose rule opens 首页: the app routes to the hospital it names.
  mp.warmStart({ path: 'pages/index/index', query: { q: encodeURIComponent(`https://yibao.example.cn/h/${a.entryCode}`), scancode_time: '1764000000' }, scene: 1011 })
  const third = await waitFor(() => route(mp) === HOSPITAL && mp.current() !== second && mp.current(), 10_000)
  await waitFor(() => text(third).includes(a.name), 10_000)
  expect(mp.pages.map((p) => p.route)).toEqual([HOSPITAL])
  // The person's figures are read again on the new page, and the access log hears of the new entry.
  await waitFor(() => mp.requests.some((r) => r.url.endsWith(`/entries/${a.entryCode}/mine`) && r.header['X-Entry-Scene'] === 'hospital:1011'))

  // Back from a platform screen (App hide and show with the same options) changes nothing.
  await waitFor(() => text(third).includes('我在这里的消费'), 10_000)
  const requestsBefore = mp.requests.length
  mp.warmStart({ path: 'pages/index/index', query: { q: encodeURIComponent(`https://yibao.example.cn/h/${a.entryCode}`), scancode_time: '1764000000' }, scene: 1011 }, { relaunch: false })
  await new Promise((resolve) => setTimeout(resolve, 50)) // the app's show handler runs after a promise tick
  expect(mp.current()).toBe(third)
  expect(mp.pages).toHaveLength(1)
  expect(mp.requests.length).toBe(requestsBefore)

  // A malformed scene: WeChat opens the hospital page with it; the app goes to 首页, which says so once.
  mp.warmStart({ path: HOSPITAL, query: { scene: 'h%3DNOT-A-CODE' }, scene: 1047 })
  const home = await waitFor(() => route(mp) === 'pages/index/index' && mp.current(), 10_000)
  await waitFor(() => text(home).includes(SENTENCE), 10_000)
  expect(mp.pages).toHaveLength(1)
})

test('cold start from a plain-link QR whose rule opens 首页: routed once to the hospital, at launch', async () => {
  // A fresh app in this file: the first test's modules (app.js, its pages) are forgotten.
  jest.resetModules()
  const { createMiniProgram: create, waitFor: wait } = require('./harness')
  const a = demoInstitutions().find((i) => i.kind === 'pharmacy' && !i.desk)
  const mp = create({
    root, apiOrigin: server.url,
    launch: { path: 'pages/index/index', query: { q: encodeURIComponent(`https://yibao.example.cn/h/${a.entryCode}`), scancode_time: '1764000100' }, scene: 1011 },
  })
  const page = await wait(() => route(mp) === HOSPITAL && mp.current(), 10_000)
  await wait(() => text(page).includes(a.name), 10_000)
  expect(mp.pages.map((p) => p.route)).toEqual([HOSPITAL])
  // Launch and the first show carry the same entry: one route, one read of the institution.
  expect(mp.requests.filter((r) => r.url.endsWith(`/entries/${a.entryCode}`))).toHaveLength(1)
  expect(mp.requests.find((r) => r.url.endsWith(`/entries/${a.entryCode}`)).header['X-Entry-Scene']).toBe('hospital:1011')
  expect(text(page)).toContain('这里没有医保报销窗口')
})

test('cold start from a malformed mini-program code: 首页, with the one sentence', async () => {
  jest.resetModules()
  const { createMiniProgram: create, waitFor: wait } = require('./harness')
  const mp = create({ root, apiOrigin: server.url, launch: { path: HOSPITAL, query: { scene: 'h%3DH7K2M9P' }, scene: 1047 } })
  const home = await wait(() => route(mp) === 'pages/index/index' && mp.current(), 10_000)
  await wait(() => text(home).includes(SENTENCE), 10_000)
  expect(mp.pages).toHaveLength(1)
  // Nothing was asked about a code that is not one.
  expect(mp.requests.some((r) => r.url.includes('/institutions/entries/'))).toBe(false)
})

test('扫一扫 on 首页, signed out: a hospital\'s code opens its page on top of 首页; a bar code says so on 首页', async () => {
  jest.resetModules()
  const { createMiniProgram: create, waitFor: wait } = require('./harness')
  const a = demoInstitutions().find((i) => i.kind === 'clinic')
  const scans = [] // what wx.scanCode was asked, and the answers it gives in turn
  const answers = [
    { result: `https://yibao.example.cn/h/${a.entryCode}`, scanType: 'QR_CODE', charSet: 'utf-8', errMsg: 'scanCode:ok' },
    { result: '6901234567892', scanType: 'EAN_13', charSet: 'utf-8', errMsg: 'scanCode:ok' },
  ]
  const mp = create({
    root, apiOrigin: server.url,
    wxOverrides: { scanCode: (o) => { scans.push({ onlyFromCamera: o.onlyFromCamera, scanType: o.scanType }); const r = answers.shift(); setTimeout(() => { o.success?.(r); o.complete?.(r) }, 0) } },
  })
  const home = mp.open('pages/index/index')
  ;(await wait(() => home.querySelector('.entry-scan'))).dispatchEvent('tap')
  const page = await wait(() => route(mp) === HOSPITAL && mp.current(), 10_000)
  await wait(() => text(page).includes(a.name), 10_000)
  expect(mp.pages.map((p) => p.route)).toEqual(['pages/index/index', HOSPITAL])
  expect(scans[0]).toEqual({ onlyFromCamera: false, scanType: ['qrCode', 'wxCode'] })
  expect(mp.requests.find((r) => r.url.endsWith(`/entries/${a.entryCode}`)).header['X-Entry-Scene']).toBe('scan:0')

  // Back on 首页, a code that is not a hospital's: 首页 says so, and nothing opens.
  global.wx.navigateBack({})
  await wait(() => mp.pages.length === 1)
  home.querySelector('.entry-scan').dispatchEvent('tap')
  await wait(() => text(home).includes('二维码无法识别，请扫描医院医保窗口张贴的二维码'), 10_000)
  expect(mp.pages).toHaveLength(1)
})
