// npm run bench:server — throughput and latency of the authenticated, filtered 消费记录 list against a bare route.
//
// What it measures: on loopback, with autocannon (programmatic API, 10 connections, pipelining 1), for each engine
// (PGlite first, then PostgreSQL):
//   app   GET /api/v1/spending?type=outpatient&from=<a year before asOf>&to=<asOf>&limit=20 on the real app
//         (buildApp as server/main.ts starts it: bearer session lookup, verification check, rate-limit store
//         upsert, helmet, under-pressure off, the normal pino logger at info with its access lines, the domain's
//         keyset query through Drizzle, mapping to the API shape, sealed cursor, response schema, access-log row);
//   bare  the same keyset statement (the domain's own SQL text) on a bare Fastify route: no auth, no logging, no
//         mapping, the driver's rows as they are.
// Both cycle through the same pages of the same person: page 1, then pages 2…5 by the cursors (app) or keyset
// positions (bare) collected beforehand, with the same request headers. The person has a long history (thousands
// of settlements) in a table of about 1,000,000 settlements from the project's demo generator (bench/server/
// dataset.ts; written by fast-write.ts, the same rows the project's seeder writes, or by the seeder itself).
// It prints req/s, p50 and p99 of both, their req/s ratio, and whether the goals are met (app ≥ 0.7 × bare
// req/s; app p99 ≤ 20 ms on PostgreSQL). It reports; it never fails on a missed goal.
//
// How: this process only orchestrates and runs autocannon. Preparing the database (prepare.ts: seed or reuse,
// session, cursors, EXPLAIN ANALYZE), the app (app-server.ts) and the bare route (bare-server.ts) each run in a
// child process, one at a time (PGlite allows one process per data directory), so that the server and the load
// generator can use different cores. On a 2-core machine they still share the machine with each other (and with
// PostgreSQL's backends); the output says so.
// PGlite's data directory is kept in the OS temp dir per data-set size and reused when its contents match.
// PostgreSQL: DATABASE_URL if set (its data is replaced by the bench data set!), else a throwaway cluster from
// /usr/lib/postgresql/*/bin under the OS temp dir, stopped and deleted at the end.
//
// Flags: --pglite-only | --pg-only, --entries N (default 1000000), --duration S (default 10, per target; plus a
// warm-up of 30 % of it, 1–3 s), --connections C (default 10), --writer fast|seeder (how the data set is written:
// bench/server/fast-write.ts, default, or the project's seeder writeDemoData, same rows, several times slower).
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FILTER, PREPARED_PREFIX, type PagePlan, type Prepared } from './common'
import { findPgBin, startCluster, type Cluster } from './postgres'

// --- autocannon's programmatic API (no type declarations ship with it) ----------------------------------------

interface Histogram { average: number; mean: number; stddev: number; min: number; max: number; total: number; p50: number; p90: number; p99: number }
interface CannonResult {
  requests: Histogram; latency: Histogram; throughput: Histogram; duration: number
  errors: number; timeouts: number; non2xx: number; statusCodeStats: Record<string, { count: number }>
}
interface CannonRequest { method: 'GET'; path: string; headers: Record<string, string> }
interface CannonOptions { url: string; connections: number; pipelining: number; duration: number; requests: CannonRequest[] }
type Autocannon = (opts: CannonOptions, cb: (err: Error | null, result: CannonResult) => void) => unknown
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon

// --- arguments -------------------------------------------------------------------------------------------------

interface Args { engines: ('pglite' | 'pg')[]; entries: number; duration: number; connections: number; writer: 'fast' | 'seeder' }

function parseArgs (argv: string[]): Args {
  const a: Args = { engines: ['pglite', 'pg'], entries: 1_000_000, duration: 10, connections: 10, writer: 'fast' }
  const num = (name: string, v: string | undefined, min: number): number => {
    const n = Number(v)
    if (!Number.isFinite(n) || n < min) throw new Error(`${name} needs a number ≥ ${min}, got "${v ?? ''}"`)
    return n
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = () => inline ?? argv[++i]
    if (flag === '--pglite-only') a.engines = ['pglite']
    else if (flag === '--pg-only') a.engines = ['pg']
    else if (flag === '--entries') a.entries = Math.round(num(flag, value(), 1000))
    else if (flag === '--duration') a.duration = num(flag, value(), 1)
    else if (flag === '--connections') a.connections = Math.round(num(flag, value(), 1))
    else if (flag === '--writer') {
      const w = value()
      if (w !== 'fast' && w !== 'seeder') throw new Error(`--writer is fast or seeder, got "${w ?? ''}"`)
      a.writer = w
    } else if (flag === '--help' || flag === '-h') {
      process.stdout.write('npm run bench:server -- [--pglite-only | --pg-only] [--entries N] [--duration S] [--connections C] [--writer fast|seeder]\n')
      process.exit(0)
    } else throw new Error(`unknown argument ${arg}`)
  }
  return a
}

// --- child processes -------------------------------------------------------------------------------------------

const root = resolve(__dirname, '..', '..')
const workDir = join(tmpdir(), 'yibao-bench-server')
const children = new Set<ChildProcess>()

function nodeArgs (file: string, heapMb?: number): string[] {
  return [...(heapMb ? [`--max-old-space-size=${heapMb}`] : []), '--import', 'tsx', join(__dirname, file)]
}

function exited (child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((r) => child.once('exit', (code) => r(code)))
}

/** prepare.ts: its progress lines pass through (stderr), its result is the PREPARED_PREFIX line. */
async function prepare (env: NodeJS.ProcessEnv): Promise<Prepared> {
  const child = spawn(process.execPath, nodeArgs('prepare.ts', 8192), { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] })
  children.add(child)
  let out = ''
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { out += c })
  const code = await exited(child)
  children.delete(child)
  const line = out.split('\n').find((l) => l.startsWith(PREPARED_PREFIX))
  if (code !== 0 || !line) throw new Error(`prepare.ts failed (exit ${code})\n${out}`)
  return JSON.parse(line.slice(PREPARED_PREFIX.length)) as Prepared
}

interface Server { url: string; pid: number; log: string; stop(): Promise<void> }

/** Starts a server script with stdout and stderr going to a log file, and waits for its `listening on` line. */
async function startServer (file: string, env: NodeJS.ProcessEnv, log: string): Promise<Server> {
  const fd = openSync(log, 'w')
  const child = spawn(process.execPath, nodeArgs(file), { cwd: root, env, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  children.add(child)
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const force = setTimeout(() => child.kill('SIGKILL'), 10_000)
      child.kill('SIGTERM')
      await exited(child)
      clearTimeout(force)
    }
    children.delete(child)
  }
  const started = Date.now()
  for (;;) {
    const text = readFileSync(log, 'utf8')
    const m = /^listening on (http:\/\/\S+)$/m.exec(text)
    if (m) return { url: m[1]!, pid: child.pid!, log, stop }
    if (child.exitCode !== null || Date.now() - started > 120_000) {
      await stop()
      throw new Error(`${file} did not start (see ${log}):\n${text.slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSeconds (pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / 100 // utime, stime in clock ticks (USER_HZ = 100 on Linux)
  } catch {
    return undefined
  }
}

// --- the load ----------------------------------------------------------------------------------------------------

function cannon (opts: CannonOptions): Promise<CannonResult> {
  return new Promise((res, rej) => { autocannon(opts, (err, r) => (err ? rej(err) : res(r))) })
}

interface Measured { target: string; result: CannonResult; serverCpu?: number; loadBefore: number }

async function load (target: string, server: Server, requests: CannonRequest[], args: Args): Promise<Measured> {
  const base = { url: server.url, connections: args.connections, pipelining: 1, requests }
  await cannon({ ...base, duration: Math.min(3, Math.max(1, Math.round(args.duration * 0.3))) }) // warm-up, discarded
  const loadBefore = loadavg()[0] ?? 0
  const cpu0 = cpuSeconds(server.pid); const t0 = Date.now()
  const result = await cannon({ ...base, duration: args.duration })
  const cpu1 = cpuSeconds(server.pid); const wall = (Date.now() - t0) / 1000
  return { target, result, loadBefore, serverCpu: cpu0 !== undefined && cpu1 !== undefined ? (cpu1 - cpu0) / wall : undefined }
}

/** One plain request per page before the load: every one must answer 200 with the page's rows. */
async function check (server: Server, requests: CannonRequest[], expect: (i: number, body: unknown) => string | undefined): Promise<void> {
  for (const [i, r] of requests.entries()) {
    const res = await fetch(server.url + r.path, { headers: r.headers })
    const body: unknown = await res.json()
    const problem = res.status !== 200 ? `status ${res.status}: ${JSON.stringify(body).slice(0, 300)}` : expect(i, body)
    if (problem) throw new Error(`${r.path} → ${problem}`)
  }
}

// --- output --------------------------------------------------------------------------------------------------------

const n = (v: number) => v.toLocaleString('en-US')
const pad = (s: string, w: number) => s.padStart(w)

function planSummary (lines: string[]): string {
  const scan = lines.find((l) => /Scan.* on settlements/.test(l))?.trim().replace(/^->\s+/, '').replace(/\s*\(actual.*$/, '') ?? 'no scan of settlements found'
  const sorted = lines.some((l) => /(^|\s|->\s+)(Incremental )?Sort\b/.test(l))
  const exec = lines.find((l) => l.startsWith('Execution Time'))?.replace('Execution Time: ', '') ?? '?'
  return `${scan}; ${sorted ? 'a Sort node (NOT index order)' : 'no Sort node'}; execution ${exec}`
}

function printTable (engine: string, rows: Measured[]): void {
  const head = `  ${'target'.padEnd(6)} ${pad('req/s', 9)} ${pad('p50 ms', 7)} ${pad('p99 ms', 7)} ${pad('max ms', 7)} ${pad('requests', 9)} ${pad('non-2xx', 8)} ${pad('errors', 7)} ${pad('server CPU', 11)} ${pad('load', 5)}`
  process.stdout.write(`\n  ${engine}\n` +
    '  app: the real app (session + verification, rate-limit store, helmet, pino at LOG_LEVEL to the log file, Drizzle, mapping, ' +
    'sealed cursor, response schema, access-log row); bare: the same statement, raw driver rows, nothing else\n' +
    `${head}\n  ${'-'.repeat(head.length - 2)}\n`)
  for (const { target, result: r, serverCpu, loadBefore } of rows) {
    process.stdout.write(`  ${target.padEnd(6)} ${pad(n(Math.round(r.requests.average)), 9)} ${pad(String(r.latency.p50), 7)} ${pad(String(r.latency.p99), 7)} ` +
      `${pad(String(r.latency.max), 7)} ${pad(n(r.requests.total), 9)} ${pad(String(r.non2xx), 8)} ${pad(String(r.errors), 7)} ` +
      `${pad(serverCpu === undefined ? '?' : `${Math.round(serverCpu * 100)} %`, 11)} ${pad(loadBefore.toFixed(1), 5)}\n`)
    if (r.non2xx > 0) process.stdout.write(`         status codes: ${JSON.stringify(r.statusCodeStats)}\n`)
  }
  process.stdout.write('  (server CPU: the server process\'s CPU time ÷ wall time during the run, 100 % = one core; ' +
    'load: the 1-minute load average just before the run, from everything on the machine)\n')
}

// --- one engine ------------------------------------------------------------------------------------------------------

async function runEngine (engine: 'pglite' | 'pg', args: Args, cluster: Cluster | undefined): Promise<void> {
  const title = engine === 'pglite' ? 'PGlite' : 'PostgreSQL'
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_OPTIONS: '', NODE_ENV: '', DEV_MODE: '1', HOST: '127.0.0.1', PORT: '0', STATIC_ROOT: '',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'info', MAX_EVENT_LOOP_DELAY_MS: '0', BENCH_RATE_LIMIT_MAX: '1000000000',
    BENCH_ENTRIES: String(args.entries), BENCH_WRITER: args.writer,
  }
  let where: string
  if (engine === 'pglite') {
    delete env.DATABASE_URL
    env.DATA_DIR = join(workDir, `pglite-${args.entries}`)
    where = `data dir ${env.DATA_DIR}`
  } else {
    env.DATABASE_URL = cluster?.url ?? process.env.DATABASE_URL
    where = cluster ? `throwaway cluster ${cluster.bin.replace(/\/bin$/, '')}, stock settings, under ${cluster.dir}` : 'DATABASE_URL'
  }
  process.stdout.write(`\n=== ${title} (${where}) ===\n`)
  if (engine === 'pglite' && existsSync(join(env.DATA_DIR!, 'pg'))) process.stdout.write(`  found an earlier PGlite data dir; reused if it holds this data set\n`)

  const t0 = Date.now()
  const p = await prepare(env)
  if (p.reused) process.stdout.write(`  reusing the data set already in the database (${n(p.settlements)} settlements); prepare took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  else {
    process.stdout.write(`  seeded: generate ${(p.generateMs / 1000).toFixed(1)} s, write ${(p.writeMs / 1000).toFixed(1)} s ` +
      `(${p.writer === 'fast' ? 'bench/server/fast-write.ts' : 'writeDemoData'}, one transaction), ` +
      `ANALYZE ${(p.analyzeMs / 1000).toFixed(1)} s; prepare in all ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
  }
  process.stdout.write(`  server: PostgreSQL ${p.serverVersion}\n`)
  process.stdout.write(`  rows in settlements: ${n(p.settlements)}; benchmarked person ${p.personId}: ${n(p.personEntries)} entries, ` +
    `${n(p.filteredEntries)} match the filter\n`)
  process.stdout.write(`  request: GET /api/v1/spending?type=${FILTER.type}&from=${FILTER.from}&to=${FILTER.to}&limit=${FILTER.limit}` +
    ` — pages ${p.pages.map((x) => x.page).join(', ')} in turn (${p.pages.map((x) => x.items).join('/')} items; pages after the first by cursor)\n`)
  process.stdout.write(`  plan, page 1 (EXPLAIN ANALYZE): ${planSummary(p.explainFirst)}\n`)
  if (p.explainDeep) process.stdout.write(`  plan, page ${p.pages.length} (EXPLAIN ANALYZE): ${planSummary(p.explainDeep)}\n`)
  process.stdout.write(`  ${p.explainFirst.filter((l) => /->|^Limit/.test(l)).map((l) => l.replace(/\s*\(actual.*$/, '')).join('\n  ')}\n`)

  const headers = { authorization: `Bearer ${p.token}`, 'x-client-channel': 'weapp' }
  const appQuery = (pg: PagePlan) => new URLSearchParams({
    type: FILTER.type, from: FILTER.from, to: FILTER.to, limit: String(FILTER.limit), ...(pg.cursor ? { cursor: pg.cursor } : {}),
  }).toString()
  const bareQuery = (pg: PagePlan) => new URLSearchParams({
    person: String(p.personId), type: FILTER.type, from: p.range.from, to: p.range.to, limit: String(FILTER.limit + 1),
    ...(pg.before ? { t: pg.before.t, id: String(pg.before.id) } : {}),
  }).toString()
  const appRequests: CannonRequest[] = p.pages.map((pg) => ({ method: 'GET', path: `/api/v1/spending?${appQuery(pg)}`, headers }))
  const bareRequests: CannonRequest[] = p.pages.map((pg) => ({ method: 'GET', path: `/bare/spending?${bareQuery(pg)}`, headers }))

  const rows: Measured[] = []
  mkdirSync(workDir, { recursive: true })
  const app = await startServer('app-server.ts', env, join(workDir, `${engine}-app.log`))
  try {
    await check(app, appRequests, (i, body) => {
      const got = (body as { items?: unknown[] }).items?.length
      return got === p.pages[i]!.items ? undefined : `${got} items, expected ${p.pages[i]!.items}`
    })
    rows.push(await load('app', app, appRequests, args))
  } finally {
    await app.stop()
  }
  const bare = await startServer('bare-server.ts', env, join(workDir, `${engine}-bare.log`))
  try {
    await check(bare, bareRequests, (i, body) => {
      const got = Array.isArray(body) ? body.length : -1
      return got >= p.pages[i]!.items ? undefined : `${got} rows, expected at least ${p.pages[i]!.items}`
    })
    rows.push(await load('bare', bare, bareRequests, args))
  } finally {
    await bare.stop()
  }

  printTable(`${title}: ${args.connections} connections, pipelining 1, ${args.duration} s each after a warm-up`, rows)
  const [a, b] = [rows[0]!.result, rows[1]!.result]
  const ratio = a.requests.average / b.requests.average
  process.stdout.write(`  ratio app ÷ bare req/s: ${ratio.toFixed(2)} — goal ≥ 0.70: ${ratio >= 0.7 ? 'met' : 'not met'}\n`)
  process.stdout.write(`  app p99: ${a.latency.p99} ms — goal ≤ 20 ms on PostgreSQL: ${a.latency.p99 <= 20 ? 'met' : 'not met'}` +
    `${engine === 'pglite' ? ' (shown for reference; the goal is stated for PostgreSQL)' : ''}\n`)
  process.stdout.write(`  server logs: ${app.log}, ${bare.log}\n`)
}

// --- main ------------------------------------------------------------------------------------------------------------

async function main (): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const started = Date.now()
  mkdirSync(workDir, { recursive: true })
  process.stdout.write(`bench:server — ${n(args.entries)} settlements, engines: ${args.engines.join(', ')}; ` +
    `${cpus().length} CPU cores. The server runs in a child process, autocannon in this one; they share the machine ` +
    `(and, on PostgreSQL, share it with the database backends too), so absolute figures are lower than on a dedicated box.\n`)
  let cluster: Cluster | undefined
  const cleanup = () => {
    for (const c of children) c.kill('SIGTERM')
    cluster?.stop()
    cluster = undefined
  }
  process.on('SIGINT', () => { cleanup(); process.exit(130) })
  process.on('SIGTERM', () => { cleanup(); process.exit(143) })
  try {
    for (const engine of args.engines) {
      if (engine === 'pg' && !process.env.DATABASE_URL) {
        const bin = findPgBin()
        if (!bin) {
          process.stdout.write('\n=== PostgreSQL: skipped — no DATABASE_URL and no /usr/lib/postgresql/*/bin ===\n')
          continue
        }
        cluster = await startCluster(bin)
      }
      try {
        await runEngine(engine, args, cluster)
      } finally {
        cluster?.stop()
        cluster = undefined
      }
    }
  } finally {
    cleanup()
  }
  process.stdout.write(`\ndone in ${((Date.now() - started) / 60_000).toFixed(1)} min\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`bench:server failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  process.exit(1)
})
