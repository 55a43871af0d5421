// miniprogram-simulate outside jest for bench:setdata: a JSDOM window as the global scope simulate expects (jest's
// jsdom environment gives the weapp tests the same), every component's setData measured, the compiled Taro app
// through test/weapp/harness.js, and a hand-written native page through a Page→Component shim.
const fs = require('node:fs')
const path = require('node:path')
const http = require('node:http')
const { JSDOM } = require('jsdom')

// --- 1. The browser-like globals, before miniprogram-simulate (j-component, exparser) is loaded ------------------
const dom = new JSDOM('<!DOCTYPE html><html><head></head><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true })
for (const key of Object.getOwnPropertyNames(dom.window)) {
  if (key in global || key === 'undefined') continue
  Object.defineProperty(global, key, { configurable: true, enumerable: false, get: () => dom.window[key], set: (v) => { dom.window[key] = v } })
}
global.window = dom.window
global.document = dom.window.document

const simulate = require('miniprogram-simulate')
const exparser = require('miniprogram-exparser')

// --- 2. Every component instance's setData, measured ------------------------------------------------------------
/** One entry per setData: which component, bytes of JSON.stringify(data), when, and (unless dropped) the data. */
const log = []
const live = new Map() // label -> live instances
let lastAt = 0
let keepData = true

/** The component (or page) whose js called Component()/Page(): the nearest caller file with a .json beside it (Taro's
 * comp.js registers through taro.js, so the plain nearest caller would not tell comp from custom-wrapper). */
function callerLabel () {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 60
  const stack = new Error().stack || ''
  Error.stackTraceLimit = limit
  for (const f of stack.split('\n').slice(2)) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^():]+\.js):\d+:\d+\)?$/.exec(f.trim())
    if (!m) continue
    const file = m[1]
    if (file.includes(`${path.sep}node_modules${path.sep}`) || file === __filename) continue
    if (!fs.existsSync(file.replace(/\.js$/, '.json'))) continue
    const rel = file.split(`${path.sep}dist${path.sep}weapp${path.sep}`)[1] ?? file.split(`${path.sep}native${path.sep}`)[1] ?? path.basename(file)
    return rel.replace(/\.js$/, '').split(path.sep).join('/')
  }
  return '?'
}

function chain (a, b) { return a ? function (...args) { b.apply(this, args); return a.apply(this, args) } : b }

const simulateComponent = global.Component
global.Component = (options) => {
  const label = callerLabel()
  const created = function () {
    const setData = this.setData.bind(this)
    this.setData = (data, cb) => {
      const entry = { label, bytes: Buffer.byteLength(JSON.stringify(data)), t: Date.now() }
      if (keepData) entry.data = data
      log.push(entry); lastAt = entry.t
      return setData(data, cb)
    }
    if (!live.has(label)) live.set(label, new Set())
    live.get(label).add(this)
  }
  const detached = function () { live.get(label)?.delete(this) }
  const lifetimes = { ...(options.lifetimes || {}) }
  const opts = { ...options }
  // WeChat (and exparser) take lifetimes.x over a top-level x: wrap whichever one the component uses.
  if (lifetimes.created || !options.created) lifetimes.created = chain(lifetimes.created, created)
  else opts.created = chain(options.created, created)
  if (lifetimes.detached || !options.detached) lifetimes.detached = chain(lifetimes.detached, detached)
  else opts.detached = chain(options.detached, detached)
  opts.lifetimes = lifetimes
  return simulateComponent(opts)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `quiet` ms pass with no setData, after at least `min` ms since `start`. */
async function quiet ({ start = Date.now(), min = 0, quiet: q = 40, timeout = 30_000 } = {}) {
  for (;;) {
    const now = Date.now()
    if (now - start >= min && now - Math.max(lastAt, start) >= q) return
    if (now - start > timeout) throw new Error('setData never went quiet')
    await sleep(2)
  }
}

async function waitFor (fn, { timeout = 15_000, what = 'condition' } = {}) {
  for (const start = Date.now(); ;) {
    const v = fn(); if (v) return v
    if (Date.now() - start > timeout) throw new Error(`timed out waiting for ${what}`)
    await sleep(2)
  }
}

// --- 3. Counting what is rendered -------------------------------------------------------------------------------
/** `row` in a class attribute as j-component writes it: prefixed with the component's tag (`main--row`). */
const isRow = (el) => [...(el.classList || [])].some((c) => c === 'row' || /--row$/.test(c))

/**
 * Elements in the composed tree, counted two ways (they agree in j-component):
 * `dom` = comp.dom.querySelectorAll('*'), `walk` = the exparser tree from the page's shadow root, entering every
 * component's shadow root and skipping virtual nodes (virtualHost components, wx:if/wx:for blocks). `rows` = `.row`.
 */
function countNodes (comp) {
  const all = comp.dom.querySelectorAll('*')
  let walk = 0; let rows = 0
  for (const el of all) if (isRow(el)) rows++
  const visit = (node) => {
    if (!(node instanceof exparser.Element)) return
    if (!node.__virtual) walk++
    if (node instanceof exparser.Component && node.shadowRoot instanceof exparser.Element) visit(node.shadowRoot)
    for (const c of node.childNodes) visit(c)
  }
  const host = comp._exparserNode
  if (host.shadowRoot instanceof exparser.Element) visit(host.shadowRoot)
  return { dom: all.length, walk, rows }
}

/** Live instances per component (Taro comp / custom-wrapper, native components), pages included. */
function instances () {
  const out = {}
  for (const [label, set] of live) if (set.size) out[label] = set.size
  return out
}

// --- 4. The compiled Taro app ----------------------------------------------------------------------------------
/** wx.request to the server: test/weapp/harness.js's forwarding, plus when each answer arrived. */
function forwarder (apiOrigin, requests) {
  return (o) => {
    const src = new URL(o.url)
    const url = new URL(src.pathname + src.search, apiOrigin)
    const method = (o.method || 'GET').toUpperCase()
    const body = o.data != null && method !== 'GET' ? (typeof o.data === 'string' ? o.data : JSON.stringify(o.data)) : null
    if (o.data != null && method === 'GET') for (const [k, v] of Object.entries(o.data)) url.searchParams.set(k, String(v))
    const record = { url: o.url, path: url.pathname, search: url.search, method, sentAt: Date.now(), doneAt: 0, status: 0 }
    requests.push(record)
    const done = (r, ok) => { record.doneAt = Date.now(); record.status = r.statusCode || 0; (ok ? o.success : o.fail)?.(r); o.complete?.(r) }
    const headers = { ...(o.header || {}) }
    if (body && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
    const req = http.request(url, { method, headers, timeout: o.timeout || 30_000 }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c) => { text += c }).on('end', () => {
        let data = text; if (o.dataType !== 'text') try { data = JSON.parse(text) } catch { /* keep text */ }
        if (data && Array.isArray(data.items)) { record.items = data.items.length; record.nextCursor = data.nextCursor ?? null }
        done({ data, statusCode: res.statusCode, header: res.headers, errMsg: 'request:ok' }, true)
      })
    })
    req.on('error', (e) => done({ errMsg: `request:fail ${e.message}` }, false))
    req.end(body || undefined)
    return { abort: () => req.destroy(), onHeadersReceived () {}, offHeadersReceived () {} }
  }
}

/**
 * The compiled app (dist/weapp) in test/weapp/harness.js, with storage filled before launch (the stored session and
 * privacy answer the app reads at launch) and wx.request answers timed.
 */
function launchTaro ({ root, apiOrigin, storage: initial = {} }) {
  const { createMiniProgram } = require('../../test/weapp/harness')
  const requests = []
  const storage = new Map(Object.entries(initial).map(([k, v]) => [k, { data: v, encrypt: true }]))
  const ok = (o, r) => setTimeout(() => { o.success?.(r); o.complete?.(r) }, 0)
  const fail = (o, r) => setTimeout(() => { o.fail?.(r); o.complete?.(r) }, 0)
  const mp = createMiniProgram({
    root, apiOrigin,
    wxOverrides: {
      request: forwarder(apiOrigin, requests),
      setStorage: (o) => { storage.set(o.key, { data: o.data, encrypt: !!o.encrypt }); ok(o, { errMsg: 'setStorage:ok' }) },
      getStorage: (o) => storage.has(o.key) ? ok(o, { data: storage.get(o.key).data, errMsg: 'getStorage:ok' }) : fail(o, { errMsg: 'getStorage:fail data not found' }),
      removeStorage: (o) => { storage.delete(o.key); ok(o, { errMsg: 'removeStorage:ok' }) },
      setStorageSync: (k, v) => { storage.set(k, { data: v, encrypt: false }) },
      getStorageSync: (k) => storage.get(k)?.data ?? '',
      removeStorageSync: (k) => { storage.delete(k) },
      pageScrollTo: (o = {}) => ok(o, { errMsg: 'pageScrollTo:ok' }),
    },
  })
  return { ...mp, requests, storage }
}

// --- 5. A native page --------------------------------------------------------------------------------------------
/** Loads `<dir>/<route>` (a native Page) as a j-component custom component and attaches it; returns the simulate
 * component and the page instance (its methods are the Page options' functions). */
function openNative (dir, route) {
  const previous = global.Page
  global.Page = (opts) => {
    const methods = {}
    for (const k of Object.keys(opts)) if (typeof opts[k] === 'function') methods[k] = opts[k]
    global.Component({
      data: opts.data || {}, methods,
      lifetimes: { attached () { this.route = route; this.onLoad?.({}); this.onShow?.() }, ready () { this.onReady?.() } },
    })
  }
  try {
    const id = simulate.load(path.join(dir, route), { rootPath: dir, compilerOptions: { maxBuffer: 16 << 20 } })
    const comp = simulate.render(id)
    comp.attach(dom.window.document.body.appendChild(dom.window.document.createElement('native-host')))
    return { comp, page: comp.instance }
  } finally {
    global.Page = previous
  }
}

module.exports = {
  simulate, log, live, instances, quiet, waitFor, sleep, countNodes, launchTaro, openNative,
  lastSetDataAt: () => lastAt, keepSetData: (v) => { keepData = v },
}
