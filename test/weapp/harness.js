// Runs the built dist/weapp inside miniprogram-simulate (j-component + the official wcc compiler).
// wx.request forwards to the real test server over HTTP; wx.navigateTo mounts the target page with simulate.load.
const path = require('path')
const http = require('http')
const simulate = require('miniprogram-simulate')

function forward (apiOrigin, o, requests) { // keep path + query, swap the origin for the test server's
  const src = new URL(o.url)
  const url = new URL(src.pathname + src.search, apiOrigin)
  const method = (o.method || 'GET').toUpperCase()
  const body = o.data != null && method !== 'GET' ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : null
  if (o.data != null && method === 'GET') for (const [k, v] of Object.entries(o.data)) url.searchParams.set(k, String(v))
  requests.push({ url: o.url, method, header: o.header || {}, data: o.data })
  const done = (r, ok) => { (ok ? o.success : o.fail)?.(r); o.complete?.(r) }
  const headers = { ...(o.header || {}) }
  if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  // Node sends a DELETE's body without a length unless told it (no chunking for DELETE by default): the server would
  // read an empty JSON body.
  if (body) headers['content-length'] = String(Buffer.byteLength(body))
  const req = http.request(url, { method, headers, timeout: o.timeout || 10000 }, (res) => {
    let text = ''
    res.setEncoding('utf8').on('data', (c) => { text += c }).on('end', () => {
      let data = text; if (o.dataType !== 'text') try { data = JSON.parse(text) } catch { /* not JSON: keep text */ }
      done({ data, statusCode: res.statusCode, header: res.headers, errMsg: 'request:ok' }, true)
    })
  })
  req.on('error', (e) => done({ errMsg: `request:fail ${e.message}` }, false))
  req.end(body || undefined)
  return { abort: () => req.destroy(), onHeadersReceived () {}, offHeadersReceived () {} }
}

/** `wxOverrides`: extra or replaced wx APIs (a test stubs a platform capability, e.g. requestFacialVerify).
 * `launch`: the cold start's options ({ path, query, scene, referrerInfo }: a scanned code, a card, another app);
 * the harness then opens that page itself, as WeChat does. */
function createMiniProgram ({ root, apiOrigin, loginCode = 'wx-demo-1', entry = 'pages/index/index', wxOverrides = {}, launch = null, fontSizeSetting = 16 }) {
  const pages = []; const setDataLog = []; const requests = []; const toasts = []; const storage = new Map()
  const ids = {} // route -> simulate id: a page's js runs Page() only once per test file (webpack module cache)
  let app = null; let next = null // next = { route, query } of the page being mounted
  const sys = { platform: 'devtools', windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, pixelRatio: 2, statusBarHeight: 20, fontSizeSetting, SDKVersion: '3.8.12', language: 'zh_CN', theme: 'light' }
  const ok = (o, r) => setTimeout(() => { o.success?.(r); o.complete?.(r) }, 0)
  const fail = (o, r) => setTimeout(() => { o.fail?.(r); o.complete?.(r) }, 0)
  const top = () => pages[pages.length - 1]
  let privacyListener = null // what the app gave wx.onNeedPrivacyAuthorization
  // The launch options, and the current entry's (a warm start changes them; getLaunchOptionsSync keeps the first).
  const launchOptions = launch || { path: entry, query: {}, scene: 1001 }
  let enterOptions = launchOptions
  const phoneCalls = [] // numbers given to wx.makePhoneCall
  const shareMenus = []; const captureEffects = [] // wx.updateShareMenu options; wx.setVisualEffectOnCapture effects

  // Every wx API the app uses must exist BEFORE app.js is required: Taro wraps the keys present at load time.
  global.wx = {
    getSystemInfoSync: () => sys, getWindowInfo: () => sys, getDeviceInfo: () => sys, getAppBaseInfo: () => sys,
    getSystemInfo: (o = {}) => ok(o, sys),
    getLaunchOptionsSync: () => launchOptions,
    getEnterOptionsSync: () => enterOptions,
    // 扫一扫: closed without a code unless a test gives wxOverrides.scanCode; the desk's phone: recorded.
    scanCode: (o) => fail(o, { errMsg: 'scanCode:fail cancel' }),
    makePhoneCall: (o) => { phoneCalls.push(o.phoneNumber); ok(o, { errMsg: 'makePhoneCall:ok' }) },
    login: (o = {}) => ok(o, { code: loginCode, errMsg: 'login:ok' }),
    request: (o) => forward(apiOrigin, o, requests),
    setStorage: (o) => { storage.set(o.key, { data: o.data, encrypt: !!o.encrypt }); ok(o, { errMsg: 'setStorage:ok' }) },
    getStorage: (o) => storage.has(o.key) ? ok(o, { data: storage.get(o.key).data, errMsg: 'getStorage:ok' }) : fail(o, { errMsg: 'getStorage:fail data not found' }),
    removeStorage: (o) => { storage.delete(o.key); ok(o, { errMsg: 'removeStorage:ok' }) },
    setStorageSync: (k, v) => { storage.set(k, { data: v, encrypt: false }) },
    getStorageSync: (k) => storage.get(k)?.data ?? '',
    removeStorageSync: (k) => { storage.delete(k) },
    showToast: (o) => { toasts.push(o.title); ok(o, { errMsg: 'showToast:ok' }) },
    hideToast: (o = {}) => ok(o, {}),
    showLoading: (o = {}) => ok(o, {}), hideLoading: (o = {}) => ok(o, {}),
    showModal: (o) => ok(o, { confirm: true, cancel: false }),
    setNavigationBarTitle: (o) => ok(o, {}),
    vibrateShort: (o = {}) => ok(o, {}),
    nextTick: (fn) => setTimeout(fn, 0),
    // Nothing is laid out here: like the real query for nodes it cannot measure, one answer per query, null for
    // select() and [] for selectAll() (NutUI's Tabs indexes into the selectAll answer).
    createSelectorQuery: () => {
      const answers = []
      const q = {
        in: () => q, select: () => { answers.push(null); return q }, selectAll: () => { answers.push([]); return q },
        selectViewport: () => { answers.push(null); return q }, boundingClientRect: () => q, scrollOffset: () => q, fields: () => q,
        exec: (cb) => setTimeout(() => cb?.(answers.slice()), 0),
      }
      return q
    },
    navigateTo: (o) => { open(o.url); ok(o, { errMsg: 'navigateTo:ok' }) },
    redirectTo: (o) => { top()?.__host.detach(); open(o.url); ok(o, { errMsg: 'redirectTo:ok' }) },
    reLaunch: (o) => { while (pages.length) top().__host.detach(); open(o.url); ok(o, { errMsg: 'reLaunch:ok' }) },
    navigateBack: (o = {}) => {
      for (let i = 0; i < (o.delta || 1) && pages.length > 1; i++) top().__host.detach()
      top()?.onShow?.()
      ok(o, { errMsg: 'navigateBack:ok' })
    },
    loadSubPackage: (o) => { ok(o, { errMsg: 'loadSubPackage:ok' }); return { onProgressUpdate () {} } },
    preloadSubpackage: (o) => ok(o, {}),
    onNeedPrivacyAuthorization: (listener) => { privacyListener = listener }, onAppShow: () => {}, onAppHide: () => {}, offAppShow: () => {}, offAppHide: () => {},
    onMemoryWarning: () => {}, onNetworkStatusChange: () => {}, getNetworkType: (o) => ok(o, { networkType: 'wifi' }),
    // Sharing: the private-message mark before a card is sent, and hiding a page from screen recording.
    updateShareMenu: (o) => { shareMenus.push(o); ok(o, { errMsg: 'updateShareMenu:ok' }) },
    setVisualEffectOnCapture: (o) => { captureEffects.push(o.visualEffect); ok(o, { errMsg: 'setVisualEffectOnCapture:ok' }) },
    ...wxOverrides,
  }
  global.App = (cfg) => { app = cfg }; global.getApp = () => app
  global.getCurrentPages = () => pages.slice(); global.requirePlugin = () => ({})
  global.Page = (opts) => { // a Taro page becomes a j-component custom component
    const methods = {}
    for (const k of Object.keys(opts)) if (typeof opts[k] === 'function') methods[k] = opts[k]
    global.Component({
      data: opts.data || {},
      methods,
      lifetimes: {
        created () { // measure every setData payload
          const route = next.route; const setData = this.setData
          this.setData = (data, cb) => {
            setDataLog.push({ route, bytes: Buffer.byteLength(JSON.stringify(data)), data })
            return setData.call(this, data, cb)
          }
        },
        attached () { this.route = this.__route__ = next.route; this.options = next.query; pages.push(this); this.onLoad(next.query); this.onShow() },
        ready () { this.onReady?.() },
        detached () { this.onUnload?.(); pages.splice(pages.indexOf(this), 1) },
      },
    })
  }

  require(path.join(root, 'app.js'))
  app.onLaunch(launchOptions); app.onShow(launchOptions)
  if (launch) open(`/${launch.path}${queryString(launch.query)}`)

  function open (url) {
    const [route, qs] = url.replace(/^\//, '').split('?')
    next = { route, query: Object.fromEntries(new URLSearchParams(qs || '')) }
    ids[route] = ids[route] || simulate.load(path.join(root, route), { rootPath: root, compilerOptions: { maxBuffer: 16 << 20 } })
    const comp = simulate.render(ids[route])
    const host = document.body.appendChild(document.createElement('page-host'))
    comp.attach(host); comp.instance.__host = comp
    return comp
  }
  /** Fires WeChat's privacy prompt, as a privacy API (e.g. wx.getLocation) would before the person agreed; returns
   * the list that collects what the app passes to resolve(). */
  function needPrivacy (referrer = 'getLocation') {
    if (!privacyListener) throw new Error('the app registered no wx.onNeedPrivacyAuthorization listener')
    const answers = []
    privacyListener((answer) => answers.push(answer), { referrer })
    return answers
  }

  /** A warm start: the app goes to the background and comes back with new options (a new scan). WeChat relaunches
   * to their page when they carry a path; the App's onShow has them. `relaunch: false`: back from a platform screen
   * the app opened itself (the scanner, a face check), which shows the app again with the same options. */
  function warmStart (options, { relaunch = true } = {}) {
    app.onHide?.()
    enterOptions = options
    app.onShow(options)
    if (relaunch && options.path) global.wx.reLaunch({ url: `/${options.path}${queryString(options.query)}` })
  }

  /** What WeChat gets when the person shares the top page (its onShareAppMessage: title, path, imageUrl), or
   * undefined when the page offers no share. `from`: 'button' (an open-type="share" button) or 'menu' (···). */
  function shareAppMessage (from = 'button') {
    const page = top()
    return typeof page?.onShareAppMessage === 'function' ? page.onShareAppMessage({ from }) : undefined
  }

  return {
    open, pages, setDataLog, requests, toasts, storage, needPrivacy, shareAppMessage, shareMenus, captureEffects, warmStart, phoneCalls,
    privacyListener: () => privacyListener, current: () => top().__host,
  }
}

/** `?a=1&b=2` for a page's query object ('' for none); values are encoded as WeChat's page paths carry them. */
function queryString (query) {
  const qs = new URLSearchParams(query || {}).toString()
  return qs ? `?${qs}` : ''
}

async function waitFor (fn, timeout = 8000) { // poll; never a fixed sleep
  for (const start = Date.now(); ;) {
    const v = fn(); if (v) return v
    if (Date.now() - start > timeout) throw new Error('waitFor timed out')
    await simulate.sleep(5)
  }
}

const text = (comp) => comp.dom.textContent.replace(/\s+/g, ' ')

/**
 * 同意并继续 in the privacy dialog, as a person would: on the first run (on 首页 or 登录) or after
 * `mp.needPrivacy()`. Waits for the dialog's text, taps the agree button and raises the button's
 * agreeprivacyauthorization event (WeChat raises both on one tap of an open-type="agreePrivacyAuthorization"
 * button; the app answers WeChat on the second), then waits until the dialog has gone. `page`: the page the dialog
 * is on (default: the one on top).
 */
async function agreeToPrivacy (mp, page = mp.current()) {
  await waitFor(() => text(page).includes('同意并继续'))
  const agree = page.querySelector('.privacy-agree-btn')
  agree.dispatchEvent('tap')
  agree.dispatchEvent('agreeprivacyauthorization')
  await waitFor(() => !page.querySelector('.privacy-agree-btn'))
}

/**
 * 同意 on 首页's sensitive-information panel, which a session meets after login and before any account data (once
 * per person: the server keeps the consent). Waits for the panel's text, taps 同意, waits until the panel has gone.
 */
async function agreeToSensitive (mp, page = mp.current()) {
  const agreed = (from) => mp.requests.slice(from).some((r) => r.method === 'POST' && r.url.endsWith('/api/v1/consents') && r.data?.document === 'sensitive')
  for (let tries = 0; ; tries++) {
    await waitFor(() => page.querySelector('.sensitive-agree-btn') && text(page).includes('《敏感个人信息处理授权书》全文'))
    const from = mp.requests.length
    page.querySelector('.sensitive-agree-btn').dispatchEvent('tap')
    // A tap on a panel the page is re-rendering (the standing read again for a new holder, as after binding) reaches
    // a node that is already gone and does nothing, as on a phone: the person taps the panel shown then.
    try {
      await waitFor(() => agreed(from), 2000)
      break
    } catch (error) {
      if (tries === 2) throw error
    }
  }
  await waitFor(() => !page.querySelector('.consent-panel'))
}

module.exports = { createMiniProgram, waitFor, agreeToPrivacy, agreeToSensitive }

/**
 * A mini-program signed in as a demo person, the way a person gets there: 首页 → privacy → 登录 → 微信一键登录 →
 * sensitive-information consent → the balance on 首页. Returns { mp, home }; open account pages from there with
 * `mp.open(route + '?query')` or through 首页's entries.
 */
async function signedInMiniProgram ({ root, apiOrigin, loginCode = 'wx-demo-1', wxOverrides = {} }) {
  const mp = createMiniProgram({ root, apiOrigin, loginCode, wxOverrides })
  await waitFor(() => mp.privacyListener())
  const home = mp.open('pages/index/index')
  await agreeToPrivacy(mp, home)
  ;(await waitFor(() => home.querySelector('.login-entry-btn'))).dispatchEvent('tap')
  const login = await waitFor(() => mp.pages.length === 2 && mp.current())
  ;(await waitFor(() => login.querySelector('.platform-login-btn'))).dispatchEvent('tap')
  await waitFor(() => mp.pages.length === 1 && home.querySelector('.sensitive-agree-btn'), 10_000)
  await agreeToSensitive(mp, home)
  await waitFor(() => home.querySelector('.entry-spending'), 10_000)
  return { mp, home }
}

module.exports.signedInMiniProgram = signedInMiniProgram

/**
 * Elements drawn by a native custom component (e.g. 消费记录's `spending-chunk` rows): simulate's querySelector
 * stops at a component's shadow root, but the page's composed DOM holds them, with class names prefixed by the
 * component's tag (`spending-chunk--row`).
 */
function nativeElements (page, component, cls) {
  return [...page.dom.querySelectorAll(`[class~="${component}--${cls}"]`)]
}

/** A tap on such an element, as WeChat delivers it (through exparser, so the component's bindtap runs). */
function tapElement (element) {
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(element.__wxElement, exparser.Event.create('tap', {}, { bubbles: true, composed: true, capturePhase: true }))
}

module.exports.nativeElements = nativeElements
module.exports.tapElement = tapElement

/*
 * Taro draws what lies deeper than `mini.baseLevel` through its recursive `comp` component (the normal way on WeChat).
 * Two things keep a test from reaching it under simulate:
 * - `comp.js` is a webpack chunk: the first page of a test file that uses it runs its Component() call, and every
 *   later page's load of it finds the module already run, so that page's `comp` is never defined and draws nothing.
 *   Below, the definition a shared component gave the first time is given again to each later load of the same file
 *   (pages are left alone: the harness loads each page once per mini program).
 * - simulate's querySelector stops at a component's shadow root. The page's composed DOM (`page.dom`) holds what
 *   `comp` draws, with class names prefixed by the tag that drew them (`main--x` on the page, `comp--x` in comp):
 *   `deepElements` / `deepElement` find by class (and text) there, `tapElement` taps one, `inputElement` types.
 */
const simulateUtils = require('miniprogram-simulate/src/utils')
const fs = require('fs')
const componentDefinitions = new Map() // a shared component's js file -> the options of its Component() call
const isComponentFile = (file) => {
  try {
    return JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')).component === true
  } catch {
    return false
  }
}
const runComponentJs = simulateUtils.runJs
simulateUtils.runJs = (file) => {
  if (!isComponentFile(file)) return runComponentJs(file)
  const register = global.Component
  let registered = false
  global.Component = (options) => {
    registered = true
    if (!componentDefinitions.has(file)) componentDefinitions.set(file, options)
    return register(options)
  }
  try {
    runComponentJs(file)
  } finally {
    global.Component = register
  }
  if (!registered && componentDefinitions.has(file)) register(componentDefinitions.get(file))
}

/** Whether a composed-DOM element carries class `cls`, whichever component drew it (`main--cls`, `comp--cls`). */
const hasClass = (element, cls) => [...element.classList].some((c) => c === cls || c.endsWith(`--${cls}`))

/** Every element of the page with class `cls`, at any depth (inside `comp` too), optionally whose text includes `text`. */
function deepElements (page, cls, text) {
  return [...page.dom.querySelectorAll(`[class*="${cls}"]`)]
    .filter((el) => hasClass(el, cls) && (text == null || el.textContent.includes(text)))
}

/** The first such element, or undefined (for `waitFor`). */
function deepElement (page, cls, text) {
  return deepElements(page, cls, text)[0]
}

/** Typing into a text field (input or textarea) found in the composed DOM: WeChat's input event with the new value. */
function inputElement (element, value) {
  const exparser = require('miniprogram-exparser')
  exparser.Event.dispatchEvent(element.__wxElement, exparser.Event.create('input', { value, cursor: value.length }, { bubbles: true, composed: true }))
}

module.exports.deepElements = deepElements
module.exports.deepElement = deepElement
module.exports.inputElement = inputElement
