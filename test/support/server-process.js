// Starts the project's real server (the code `npm start` runs) as a child process on a free port with an
// in-memory database, for the compiled-weapp and browser layers; never a developer's running instance.
const { spawn } = require('node:child_process')
const { join } = require('node:path')
const http = require('node:http')
const { distDir } = require('./dist')

const root = join(__dirname, '..', '..')
const DEMO_AS_OF = '2026-11-20'

function startServer (env = {}) {
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'server', 'main.ts')], {
    cwd: root,
    env: {
      ...process.env, NODE_OPTIONS: '', NODE_ENV: 'test', PORT: '0', DATA_DIR: 'memory://', DEMO_AS_OF,
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
  return ready.then((url) => ({
    url,
    output: () => stdout,
    errors: () => stderr,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      const force = setTimeout(() => child.kill('SIGKILL'), 5000) // jsdom's timers have no unref()
      child.once('exit', () => { clearTimeout(force); resolve() })
      child.kill('SIGTERM')
    }),
  }))
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

/** The newest code the dev SMS provider "sent" to this phone (dev outbox, loopback only). `options` is the timeout
 * in ms, or `{ purpose, after, timeoutMs }`: only a code for that purpose ('login', 'password_reset') sent after
 * `after` (an ISO time). Codes go out after the answer to the request, so this polls until there is one (never a
 * fixed sleep). */
async function latestSmsCode (origin, phone, options = {}) {
  const { purpose, after, timeoutMs = 5000 } = typeof options === 'number' ? { timeoutMs: options } : options
  for (const start = Date.now(); ;) {
    const r = await requestJson(`${origin}/api/v1/dev/sms-outbox?phone=${phone}`)
    if (r.status !== 200) throw new Error(`dev outbox answered ${r.status} ${r.text}`)
    const item = r.json.items.find((i) => (!purpose || i.purpose === purpose) && (!after || i.sentAt > after))
    if (item) return item.code
    if (Date.now() - start > timeoutMs) throw new Error(`no SMS code${purpose ? ` (${purpose})` : ''} for ${phone}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * What the API answers `path` for a demo person (`code`: a dev login code such as wx-demo-1), in a session of the
 * test's own: the figures a page is expected to show. Throws on anything but 200.
 */
async function readAs (serverUrl, code, path) {
  const login = await requestJson(`${serverUrl}/api/v1/auth/login/platform`, { method: 'POST', body: { platform: 'wechat', code } })
  if (login.status !== 200) throw new Error(`login ${code}: ${login.status} ${login.text}`)
  const answer = await requestJson(`${serverUrl}${path}`, { headers: { authorization: `Bearer ${login.json.token}` } })
  if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.text}`)
  return answer.json
}

module.exports = { readAs, startServer, startFakeWechat, requestJson, latestSmsCode, DEMO_AS_OF }
