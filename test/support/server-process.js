// Starts the project's real server (the code `npm start` runs, DEV_MODE=1) as a child process on a free port with an
// in-memory database, for the compiled-weapp and browser layers; never a developer's running instance. Its admin
// listener (operator routes, dev outboxes) is on a free loopback port too, remembered per public origin.
const { spawn } = require('node:child_process')
const { readFileSync } = require('node:fs')
const { join } = require('node:path')
const http = require('node:http')
const { distDir } = require('./dist')

const root = join(__dirname, '..', '..')
const DEMO_AS_OF = '2026-11-20'
/** DEV_OPERATOR_TOKEN of server/config.ts (this file is plain JavaScript for every layer): the dev-mode default. */
const DEV_OPERATOR_TOKEN = 'dev-operator-token-not-for-production'

/** Public origin → its server's admin listener and operator token, for latestSmsCode and operator calls. */
const admins = new Map()

/** The admin listener of the server started at `origin` (a startServer url): `{ url, token, headers }`. */
function adminOf (origin) {
  const admin = admins.get(origin.replace(/\/+$/, ''))
  if (!admin) throw new Error(`no server started by startServer at ${origin}: its admin listener is unknown`)
  return admin
}

function startServer (env = {}) {
  // node itself with tsx's loader, not the tsx command: that one is a second process relaying signals, and under load
  // it sometimes ended with SIGTERM itself instead of waiting for the server's own shutdown (exit 143, not 0).
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env, NODE_OPTIONS: '', NODE_ENV: 'test', DEV_MODE: '1', PORT: '0', ADMIN_PORT: '0', DATA_DIR: 'memory://', DEMO_AS_OF,
      // A busy machine (two cores, parallel test files) must not turn answers into 503s: under-pressure is off here.
      LOG_LEVEL: 'warn', STATIC_ROOT: distDir('h5'), MAX_EVENT_LOOP_DELAY_MS: '0', ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''; let stderr = ''
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s\n${stdout}\n${stderr}`)), 60_000)
    child.stdout.setEncoding('utf8').on('data', (c) => {
      stdout += c
      const m = /^listening on (http:\/\/\S+)$/m.exec(stdout)
      if (m) { clearTimeout(timer); resolve(m[1]) }
    })
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c })
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}\n${stdout}\n${stderr}`)) })
  })
  return ready.then((url) => {
    // main.ts prints the admin line before the last one; with an admin file (ADMIN_FILE, or DATA_DIR on disk) its path
    // follows in parentheses, and a token the server made for this run is in that file.
    const m = /^admin listening on (http:\/\/\S+)(?: \((.+)\))?$/m.exec(stdout)
    if (!m) throw new Error(`server printed no admin listener\n${stdout}`)
    const file = m[2] ? JSON.parse(readFileSync(m[2], 'utf8')) : {}
    const token = env.OPERATOR_TOKEN || file.token || DEV_OPERATOR_TOKEN
    const admin = { url: m[1], token, headers: { 'x-operator-token': token } }
    admins.set(url, admin)
    return {
      url,
      /** The admin listener: `{ url, token, headers }` (headers carry the operator token). */
      admin,
      /** The child process's id (signals in tests). */
      pid: child.pid,
      output: () => stdout,
      errors: () => stderr,
      /** Resolves with the exit code once the process has ended (null if a signal ended it). */
      exited: () => new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode)
        child.once('exit', (code) => resolve(code))
      }),
      stop: () => new Promise((resolve) => {
        admins.delete(url)
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        const force = setTimeout(() => child.kill('SIGKILL'), 5000) // jsdom's timers have no unref()
        child.once('exit', () => { clearTimeout(force); resolve() })
        child.kill('SIGTERM')
      }),
    }
  })
}

/**
 * The fake WeChat server (test/fakes/wechat-server.ts) as a child process, for the JavaScript test layers. Set the
 * server's WECHAT_APPID / WECHAT_SECRET to `appId` / `secret` and WECHAT_API_BASE to `url`. `setFace(verifyId,
 * verifyRet)` programs how a face check ends (10000 passed); wx.login codes `wx-new-<x>` answer openid `o-new-<x>`.
 */
function startFakeWechat ({ appId = 'wx-fake-app', secret = 'wx-fake-secret' } = {}) {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'test', 'fakes', 'wechat-server-process.ts')], {
    cwd: root, env: { ...process.env, NODE_OPTIONS: '', FAKE_WECHAT_APPID: appId, FAKE_WECHAT_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''; let stderr = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`fake WeChat did not start in 30 s\n${stderr}`)), 30_000)
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c })
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`fake WeChat exited with ${code}\n${stderr}`)) })
    child.stdout.setEncoding('utf8').on('data', (c) => {
      stdout += c
      const m = /^fake wechat (\S+) control (\S+)$/m.exec(stdout)
      if (!m) return
      clearTimeout(timer)
      const [, url, control] = m
      resolve({
        url, appId, secret,
        setFace: (verifyId, verifyRet) => requestJson(`${control}/faces`, { method: 'POST', body: { verifyId, verifyRet } }),
        /** Gives this WeChat user a phone with a SOTER key; `soterSign` signs a resultJSON with it. */
        addSoterDevice: (openid) => requestJson(`${control}/soter-devices`, { method: 'POST', body: { openid } }),
        soterSign: async (openid, json) => (await requestJson(`${control}/soter-sign`, { method: 'POST', body: { openid, json } })).json.signature,
        calls: async () => (await requestJson(`${control}/calls`)).json,
        stop: () => new Promise((done) => {
          if (child.exitCode !== null) return done()
          const force = setTimeout(() => child.kill('SIGKILL'), 5000)
          child.once('exit', () => { clearTimeout(force); done() })
          child.kill('SIGTERM')
        }),
      })
    })
  })
}

/** A small JSON HTTP client (jsdom has no fetch). */
function requestJson (url, { method = 'GET', body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body)
    const req = http.request(url, { method, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (c) => { text += c }).on('end', () => {
        let json; try { json = JSON.parse(text) } catch { json = undefined }
        resolve({ status: res.statusCode, headers: res.headers, json, text })
      })
    })
    req.on('error', reject)
    req.end(data)
  })
}

/** The newest code the dev SMS provider "sent" to this phone (the dev outbox on the admin listener of the server
 * started at `origin`, with its operator token). `options` is the timeout
 * in ms, or `{ purpose, after, timeoutMs }`: only a code for that purpose ('login', 'password_reset') sent after
 * `after` (an ISO time). Codes go out after the answer to the request, so this polls until there is one (never a
 * fixed sleep). */
async function latestSmsCode (origin, phone, options = {}) {
  const { purpose, after, timeoutMs = 5000 } = typeof options === 'number' ? { timeoutMs: options } : options
  const admin = adminOf(origin)
  for (const start = Date.now(); ;) {
    const r = await requestJson(`${admin.url}/api/v1/dev/sms-outbox?phone=${phone}`, { headers: admin.headers })
    if (r.status !== 200) throw new Error(`dev outbox answered ${r.status} ${r.text}`)
    const item = r.json.items.find((i) => (!purpose || i.purpose === purpose) && (!after || i.sentAt > after))
    if (item) return item.code
    if (Date.now() - start > timeoutMs) throw new Error(`no SMS code${purpose ? ` (${purpose})` : ''} for ${phone}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * What the API answers `path` for a demo person (`code`: a dev login code such as wx-demo-1), in a session of the
 * test's own: the figures a page is expected to show. Throws on anything but 200. The server reads account data only
 * with the person's consents: those not yet given are given for this read and withdrawn after it, so that a page
 * test of the same person still meets the consent panel as a person would (with no consent standing before, the
 * person had no live family links that the withdrawal could end).
 */
async function readAs (serverUrl, code, path) {
  const login = await requestJson(`${serverUrl}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code } })
  if (login.status !== 200) throw new Error(`login ${code}: ${login.status} ${login.text}`)
  const headers = { authorization: `Bearer ${login.json.token}` }
  const standing = await requestJson(`${serverUrl}/api/v1/consents`, { headers })
  if (standing.status !== 200) throw new Error(`consents: ${standing.status} ${standing.text}`)
  const given = []
  const withdrawals = []
  let answer
  try {
    for (const { document, version, acceptedAt } of standing.json.items) {
      if (acceptedAt) continue
      const res = await requestJson(`${serverUrl}/api/v1/consents`, { method: 'POST', headers, body: { document, version, channel: 'h5' } })
      if (res.status !== 200) throw new Error(`consent ${document}: ${res.status} ${res.text}`)
      given.push(document)
    }
    answer = await requestJson(`${serverUrl}${path}`, { headers })
  } finally {
    // No body: node sends a DELETE's body without a length, which the server reads as an empty JSON body.
    for (const document of given) withdrawals.push(await requestJson(`${serverUrl}/api/v1/consents/${document}`, { method: 'DELETE', headers }))
  }
  const failed = withdrawals.find((r) => r.status !== 200)
  if (failed) throw new Error(`withdrawing a consent: ${failed.status} ${failed.text}`)
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`)
  return answer.json
}

module.exports = { readAs, startServer, startFakeWechat, requestJson, latestSmsCode, adminOf, DEMO_AS_OF, DEV_OPERATOR_TOKEN }
