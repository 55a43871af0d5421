// The data set and the server for bench:setdata: a PGlite data directory under os.tmpdir() seeded by seed.ts (one
// bulk person, ≥ 10,000 settlements), reused while the seed parameters and the seeding code are unchanged; the real
// server started on it (test/support/server-process.js); a verified session with both consents, made over HTTP.
const { execFileSync } = require('node:child_process')
const { createHash } = require('node:crypto')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { startServer, requestJson } = require('../../test/support/server-process')

const root = path.join(__dirname, '..', '..')
const AS_OF = '2026-11-20' // also the server's DEMO_AS_OF, so that it does not reseed the directory
const SEED = { persons: 1, months: 120, spendPerMonth: 90, asOf: AS_OF }
const BULK_QUERY_PASSWORD = '246810' // server/demo/generator/bulk.ts BULK_QUERY_PASSWORD
const CARD_NUMBER = 'BK00000001' // bulk person 1 (phone 13900000001)

/** What decides the seeded contents: the parameters, the generator and seeding code, DEMO_VERSION, the migrations. */
function seedKey () {
  const h = createHash('sha256').update(JSON.stringify(SEED))
  const generator = fs.readdirSync(path.join(root, 'server/demo/generator')).sort().map((n) => `server/demo/generator/${n}`)
  for (const f of [...generator, 'server/demo/seed.ts', 'server/demo/prng.ts', 'bench/setdata/seed.ts']) {
    h.update(f).update(fs.readFileSync(path.join(root, f)))
  }
  h.update(fs.readdirSync(path.join(root, 'server/db/migrations')).filter((n) => n.endsWith('.sql')).sort().join(','))
  return h.digest('hex').slice(0, 16)
}

/** The seeded directory, made when missing; older bench directories are removed. */
function ensureDataDir (log = () => {}) {
  const base = path.join(os.tmpdir(), 'yibao-bench-setdata')
  const key = seedKey()
  const dir = path.join(base, key)
  const stamp = path.join(dir, 'seeded.json')
  fs.mkdirSync(base, { recursive: true })
  for (const old of fs.readdirSync(base)) if (old !== key) fs.rmSync(path.join(base, old), { recursive: true, force: true })
  if (fs.existsSync(stamp)) {
    const info = JSON.parse(fs.readFileSync(stamp, 'utf8'))
    log(`data: reusing ${dir} (${info.settlements} settlements)`)
    return { dir, info }
  }
  fs.rmSync(dir, { recursive: true, force: true })
  log(`data: seeding ${dir} (generateBulk ${JSON.stringify(SEED)}) …`)
  const out = execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(__dirname, 'seed.ts'), JSON.stringify({ dataDir: dir, ...SEED })],
    { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const info = JSON.parse(out.trim().split('\n').pop())
  fs.writeFileSync(stamp, JSON.stringify({ ...info, seed: SEED, at: new Date().toISOString() }))
  log(`data: seeded ${info.settlements} settlements for ${info.cardNumber}`)
  return { dir, info }
}

/** The real server on the seeded directory; windows long enough that a slow run never meets a verification prompt. */
async function startBenchServer (dataDir) {
  return startServer({
    DATA_DIR: dataDir, DEMO_AS_OF: AS_OF, LOG_LEVEL: 'warn', STATIC_ROOT: '',
    VERIFY_WINDOW_MINUTES: '720', SESSION_IDLE_MINUTES: '720', SESSION_ABSOLUTE_HOURS: '24',
    LOGIN_RATE_PER_MINUTE: '1000', MAX_EVENT_LOOP_DELAY_MS: '0',
  })
}

async function ok (res, what) {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.text}`)
  return res.json
}

/** Logs in as the bulk person with the query password (a verified session) and records both consents. */
async function verifiedSession (origin) {
  const login = await ok(await requestJson(`${origin}/api/v1/auth/login/password`, { method: 'POST', body: { cardNumber: CARD_NUMBER, password: BULK_QUERY_PASSWORD } }), 'password login')
  if (!login.verifiedUntil) throw new Error('the password login did not give a verified session')
  const auth = { authorization: `Bearer ${login.token}` }
  const docs = await ok(await requestJson(`${origin}/api/v1/consents/documents`), 'consent documents')
  const versions = {}
  for (const d of docs.items) {
    versions[d.document] = d.version
    await ok(await requestJson(`${origin}/api/v1/consents`, { method: 'POST', headers: auth, body: { document: d.document, version: d.version, channel: 'weapp' } }), `consent ${d.document}`)
  }
  return { login, auth, versions }
}

/** Every page of GET /api/v1/spending?limit=… up to `max` items, as the app asks for them (cursor after cursor). */
async function fetchSpending (origin, auth, { limit = 20, max = Infinity } = {}) {
  const items = []; let cursor = null
  do {
    const qs = new URLSearchParams({ limit: String(limit) }); if (cursor) qs.set('cursor', cursor)
    const page = await ok(await requestJson(`${origin}/api/v1/spending?${qs}`, { headers: auth }), 'spending page')
    items.push(...page.items); cursor = page.nextCursor
  } while (cursor && items.length < max)
  return items.slice(0, max)
}

module.exports = { ensureDataDir, startBenchServer, verifiedSession, fetchSpending, AS_OF, SEED }
