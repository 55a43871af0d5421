#!/usr/bin/env node
// bench:setdata — the compiled 消费记录 list (dist/weapp) under miniprogram-simulate against a native page rendering
// the same rows (bench/setdata/native/spending). Journey: mount (first 20 rows), 50 appends of 20 (onReachBottom),
// then scroll from the first row to the 1,000th one screen (667 px) at a time (onPageScroll), then keep appending
// (scrolled to the bottom each time) until 10,000 entries are loaded or the time budget is spent, for the node count.
// Prints setData calls and bytes (Buffer.byteLength(JSON.stringify(data)) of every setData of every component),
// nodes, and the goals (docs/long-lists.md) as met / not met. Exits non-zero only when something fails, never on a missed goal.
//
// The design measured and its figures: docs/long-lists.md. Environment (all optional):
//   BENCH_SETDATA_ENTRIES   entries to load for the node count (default 10000)
//   BENCH_SETDATA_BUDGET_S  seconds the loading beyond 1,000 rows may take (default 900)
//   BENCH_ROW_HEIGHT_PX     row height in px at windowWidth 375 (default: src/packages/account/components/spending-row.json)
//   BENCH_SETDATA_JSON      write every figure to this file as JSON
const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')

const root = path.join(__dirname, '..', '..')
const dist = path.join(root, 'dist', 'weapp')
const ROUTE = 'packages/account/pages/spending/index'
const PAGE_SIZE = 20
const APPENDS = 50
const SCROLL_TO_ROW = 1000
const WINDOW_HEIGHT = 667 // test/weapp/harness.js's windowHeight (windowWidth 375)
const TARGET_ENTRIES = Number(process.env.BENCH_SETDATA_ENTRIES || 10_000)
const BUDGET_MS = Number(process.env.BENCH_SETDATA_BUDGET_S || 900) * 1000
const KB = 1024
const GOAL_RATIO = 1.5
const GOAL_MAX_SETDATA = 16 * KB
const GOAL_NODES = 1000

const started = Date.now()
const say = (s) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}\n`)

// ---------------------------------------------------------------------------------------------------------------
// Rows: what the store prepares from an API item. The bench prefers the row objects the Taro page actually sent
// (captured from its setData payloads); this formatter (the contract's format) only fills in rows never captured.

function formatFen (fen) {
  const yuan = String(Math.floor(Math.abs(fen) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${fen < 0 ? '-' : ''}¥${yuan}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
}
function chinaTime (iso) {
  const t = new Date(Date.parse(iso) + 8 * 3600_000)
  const p = (n) => String(n).padStart(2, '0')
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`
}
function formatRow (it) { // mirrors src/packages/account/stores/spending-store.ts toSpendingRow (as of this bench's writing)
  const parts = []
  if (it.fundFen) parts.push(`统筹 ${formatFen(it.fundFen)}`)
  if (it.accountFen) parts.push(`个账 ${formatFen(it.accountFen)}`)
  if (it.mutualAidFen) parts.push(`共济 ${formatFen(it.mutualAidFen)}`)
  if (it.selfFen || !parts.length) parts.push(`自付 ${formatFen(it.selfFen)}`)
  const pay = parts.join(' · ')
  let tag = ''; let tagCls = ''
  if (it.openDispute) { tag = '核实中'; tagCls = 'tag--dispute' } else if (it.anomalies.length) { tag = '请留意'; tagCls = 'tag--warn' } else if (it.beneficiary) { tag = `为${it.beneficiary.relation}支付`; tagCls = 'tag--aid' }
  return {
    id: it.id, inst: it.institution.name, total: formatFen(it.totalFen), time: chinaTime(it.settledAt), type: it.visitTypeName, tag, tagCls,
    pay: it.beneficiary ? `${it.beneficiary.relation} ${it.beneficiary.nameMasked}：${pay}` : pay,
    cls: it.anomalies.length && !it.openDispute ? 'row--flag' : '',
  }
}

// ---------------------------------------------------------------------------------------------------------------

const { sum, mean, byKey, top, captureRows } = require('./payload')
const fmt = (n) => (n == null || Number.isNaN(n) ? '—' : Math.round(n).toLocaleString('en-US'))
const ratio = (a, b) => (b ? (a / b).toFixed(2) : '—')
const stats = (windows) => {
  const bytes = windows.map((w) => w.bytes)
  return { n: windows.length, calls: windows.map((w) => w.calls), bytes, total: sum(bytes), mean: mean(bytes), min: Math.min(...bytes), max: Math.max(...bytes) }
}

/** Row height in px at windowWidth 375: BENCH_ROW_HEIGHT_PX, else the figure (in rpx) the list windows by and both
 * row markups draw. */
function rowHeightPx () {
  if (process.env.BENCH_ROW_HEIGHT_PX) return { px: Number(process.env.BENCH_ROW_HEIGHT_PX), from: 'BENCH_ROW_HEIGHT_PX' }
  const file = path.join(root, 'src', 'packages', 'account', 'components', 'spending-row.json')
  const { heightRpx } = JSON.parse(fs.readFileSync(file, 'utf8'))
  return { px: heightRpx * 375 / 750, from: `${path.relative(root, file)} (${heightRpx}rpx)` }
}

async function main () {
  const data = require('./data')
  const pageJs = path.join(dist, `${ROUTE}.js`)
  const havePage = fs.existsSync(pageJs)
  if (!havePage) say(`${path.relative(root, pageJs)} is missing: measuring the native baseline only`)

  const { dir, info } = data.ensureDataDir(say)
  if (info.settlements < TARGET_ENTRIES) say(`note: the data set has ${info.settlements} settlements, fewer than ${TARGET_ENTRIES}`)
  const server = await data.startBenchServer(dir)
  say(`server ${server.url}`)
  const results = { when: new Date().toISOString(), dataSet: info, route: ROUTE }
  try {
    const session = await data.verifiedSession(server.url)
    const captured = new Map()
    let ours = null
    if (havePage) ours = await measureTaro({ mini: require('./mini'), server, session, captured, results })

    // ---- native baseline: the same rows (the Taro page's own row objects where captured) -----------------------
    const items = await data.fetchSpending(server.url, session.auth, { limit: PAGE_SIZE, max: PAGE_SIZE * (APPENDS + 1) })
    const rows = items.map((it) => captured.get(it.id) ?? formatRow(it))
    const fromTaro = items.filter((it) => captured.has(it.id)).length
    // How far the bench's own formatter (used only for rows never captured) agrees with the store's rows.
    const formatterAgrees = items.filter((it) => captured.has(it.id) && JSON.stringify(formatRow(it)) === JSON.stringify(captured.get(it.id))).length
    const native = measureNativeApart(rows)
    native.rowsFromTaro = fromTaro
    native.rowsFormatted = rows.length - fromTaro
    native.formatterAgrees = formatterAgrees
    results.native = native
    report({ ours, native, results })
    if (process.env.BENCH_SETDATA_JSON) {
      fs.writeFileSync(process.env.BENCH_SETDATA_JSON, JSON.stringify(results, (k, v) => (k === 'data' ? undefined : v), 2))
      say(`figures written to ${process.env.BENCH_SETDATA_JSON}`)
    }
    if (!havePage) {
      process.stderr.write(`\nThe Taro page ${ROUTE} is not in dist/weapp: only the native baseline was measured.\n`)
      process.exitCode = 2
    }
  } finally {
    await server.stop()
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** The native baseline in a child process (see native.js for why), on these rows. */
function measureNativeApart (rows) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-setdata-native-'))
  try {
    fs.writeFileSync(path.join(tmp, 'rows.json'), JSON.stringify(rows))
    say('native baseline')
    execFileSync(process.execPath, [path.join(__dirname, 'native.js'), path.join(tmp, 'rows.json'), path.join(tmp, 'out.json')], { stdio: ['ignore', 'ignore', 'inherit'] })
    return JSON.parse(fs.readFileSync(path.join(tmp, 'out.json'), 'utf8'))
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true })
  }
}

async function measureTaro ({ mini, server, session, captured, results }) {
  const { log, quiet, waitFor, countNodes, instances } = mini
  const stored = { token: session.login.token, expiresAt: session.login.expiresAt, bound: session.login.bound, verifiedUntil: session.login.verifiedUntil }
  const mp = mini.launchTaro({
    root: dist, apiOrigin: server.url,
    storage: { 'yibao.session': JSON.stringify(stored), 'yibao.privacy': JSON.stringify({ version: session.versions.privacy, acceptedAt: new Date().toISOString() }) },
  })
  const spendingRequests = () => mp.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/spending')
  const loaded = () => sum(spendingRequests().map((r) => r.items || 0))

  /** Everything logged from `from` on, as one measured window; optionally keeps the row objects it carried. */
  const windowFrom = (from, extra = {}) => {
    const entries = log.slice(from)
    for (const e of entries) if (e.data) captureRows(e.data, captured)
    return { calls: entries.length, bytes: sum(entries.map((e) => e.bytes)), largest: Math.max(0, ...entries.map((e) => e.bytes)), entries, ...extra }
  }
  /** The request for the next page answered, then the first setData after it, then 40 ms without one. */
  const settleLoad = async (before) => {
    const req = await waitFor(() => { const l = spendingRequests(); const r = l[l.length - 1]; return l.length > before && r.doneAt ? r : null },
      { timeout: 30_000, what: 'GET /api/v1/spending to be asked and answered' })
    if (req.status !== 200) throw new Error(`GET /api/v1/spending${req.search} answered ${req.status}`)
    await waitFor(() => mini.lastSetDataAt() >= req.doneAt, { timeout: 30_000, what: 'a setData after the spending answer' })
    // Other requests of the same moment (家庭共济缴费 at mount) are answered inside the same window.
    await waitFor(() => mp.requests.every((r) => r.doneAt), { timeout: 30_000, what: 'every request to be answered' })
    await quiet({ quiet: 40 })
    return req
  }
  const settleScroll = async (start) => quiet({ start, min: 150, quiet: 40 })

  // ---- mount -------------------------------------------------------------------------------------------------
  say(`mounting ${ROUTE}`)
  const mountFrom = log.length
  const comp = mp.open(ROUTE)
  await settleLoad(0)
  const page = mp.pages[mp.pages.length - 1]
  for (const m of ['onReachBottom', 'onPageScroll']) if (typeof page[m] !== 'function') throw new Error(`the page instance has no ${m}()`)
  const mount = windowFrom(mountFrom)
  mount.nodes = countNodes(comp)
  if (loaded() !== PAGE_SIZE) throw new Error(`mount loaded ${loaded()} entries, expected ${PAGE_SIZE}`)
  if (!mount.nodes.rows) throw new Error(`no .row element after mount; page text: ${comp.dom.textContent.replace(/\s+/g, ' ').slice(0, 300)}`)
  say(`mount: ${mount.calls} setData, ${mount.bytes} B, ${mount.nodes.rows} rows shown`)

  // ---- 50 appends --------------------------------------------------------------------------------------------
  const appends = []
  for (let k = 1; k <= APPENDS; k++) {
    const from = log.length; const before = spendingRequests().length
    page.onReachBottom()
    const req = await settleLoad(before)
    const w = windowFrom(from, { n: k, cursor: new URLSearchParams(req.search).has('cursor') })
    if ([1, 5, 25, 50].includes(k)) w.nodes = countNodes(comp)
    appends.push(w)
    if (k % 10 === 0) say(`append ${k}: ${w.calls} setData, ${w.bytes} B, ${loaded()} entries`)
  }
  if (loaded() !== PAGE_SIZE * (APPENDS + 1)) throw new Error(`after ${APPENDS} appends ${loaded()} entries are loaded, expected ${PAGE_SIZE * (APPENDS + 1)}`)
  if (!appends.every((a) => a.cursor)) throw new Error('an append asked for the first page again (no cursor)')

  // ---- scroll from row 1 to row 1,000 ------------------------------------------------------------------------
  const rowH = rowHeightPx()
  const target = (SCROLL_TO_ROW - 1) * rowH.px
  const steps = []
  say(`scrolling to row ${SCROLL_TO_ROW} (${fmt(target)} px, row ${rowH.px} px from ${rowH.from})`)
  for (let k = 1, scrollTop = 0; scrollTop < target; k++) {
    scrollTop = Math.min(k * WINDOW_HEIGHT, target)
    const from = log.length; const t = Date.now()
    page.onPageScroll({ scrollTop })
    await settleScroll(t)
    steps.push(windowFrom(from, { scrollTop }))
  }
  const afterScroll = countNodes(comp)
  say(`scroll: ${steps.length} steps, ${sum(steps.map((s) => s.bytes))} B, ${afterScroll.walk} nodes at row ${SCROLL_TO_ROW}`)

  if (process.env.BENCH_SETDATA_DUMP) { // the payloads themselves, for reading where the bytes go
    const out = process.env.BENCH_SETDATA_DUMP
    fs.mkdirSync(out, { recursive: true })
    const dump = (name, w) => fs.writeFileSync(path.join(out, `${name}.json`), JSON.stringify(w.entries.map((e) => ({ component: e.label, bytes: e.bytes, data: e.data })), null, 1))
    dump('mount', mount)
    for (const k of [1, 2, 3, 25, 50]) dump(`append-${String(k).padStart(2, '0')}`, appends[k - 1])
    steps.filter((w) => w.bytes > 0).slice(0, 6).forEach((w) => dump(`scroll-${w.scrollTop}`, w))
    say(`payloads written to ${out}`)
  }

  // ---- keep loading for the node count (window at the bottom, as a person who reads on) ------------------------
  mini.keepSetData(false) // bytes only from here: 10,000 rows of payloads need not stay in memory
  const more = []; const moreScroll = []
  const phaseStart = Date.now()
  let stoppedBy = 'target'
  while (loaded() < TARGET_ENTRIES) {
    if (Date.now() - phaseStart > BUDGET_MS) { stoppedBy = 'time budget'; break }
    const last = spendingRequests().at(-1)
    if (last && last.nextCursor === null) { stoppedBy = 'end of the list'; break }
    let from = log.length; const t = Date.now()
    page.onPageScroll({ scrollTop: Math.max(0, loaded() * rowH.px - WINDOW_HEIGHT) })
    await settleScroll(t)
    moreScroll.push(windowFrom(from))
    from = log.length; const before = spendingRequests().length
    page.onReachBottom()
    await settleLoad(before)
    more.push(windowFrom(from))
    if (more.length % 50 === 0) say(`loading on: ${loaded()} entries, ${countNodes(comp).walk} nodes`)
  }
  const atBottom = countNodes(comp)
  const topFrom = log.length; const t = Date.now()
  page.onPageScroll({ scrollTop: 0 })
  await settleScroll(t)
  const backToTop = windowFrom(topFrom)
  const atTop = countNodes(comp)
  say(`loaded ${loaded()} entries (${stoppedBy}): ${atBottom.walk} nodes at the bottom, ${atTop.walk} back at the top`)

  // Samples of what the payloads hold (first append, the largest scroll step), for the report.
  const sample = (w) => (w && w.entries.length ? w.entries.map((e) => ({ label: e.label, bytes: e.bytes, keys: Object.entries(e.data || {}).map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v) ?? 'null')]) })) : [])
  const largestStep = steps.reduce((a, s) => (!a || s.bytes > a.bytes ? s : a), null)
  const all = log.slice(mountFrom)
  const largest = all.reduce((a, e) => (!a || e.bytes > a.bytes ? e : a), null)
  const phaseOf = (e) => (e.t <= (mount.entries.at(-1)?.t ?? 0) ? 'mount' : appends.some((w) => w.entries.includes(e)) ? 'append' : steps.some((w) => w.entries.includes(e)) ? 'scroll' : 'loading on')

  const ours = {
    mount: { calls: mount.calls, bytes: mount.bytes, largest: mount.largest, nodes: mount.nodes },
    appends: appends.map((w) => ({ n: w.n, calls: w.calls, bytes: w.bytes, largest: w.largest, nodes: w.nodes })),
    scroll: { rowHeightPx: rowH.px, rowHeightFrom: rowH.from, steps: steps.map((s) => ({ scrollTop: s.scrollTop, calls: s.calls, bytes: s.bytes })), nodesAfter: afterScroll },
    loadingOn: {
      entries: loaded(), stoppedBy, seconds: Math.round((Date.now() - phaseStart) / 1000),
      appendBytes: more.map((w) => w.bytes), appendCalls: more.map((w) => w.calls), scrollBytes: moreScroll.map((w) => w.bytes),
      nodesAtBottom: atBottom, nodesAtTop: atTop, backToTopBytes: backToTop.bytes, instances: instances(),
    },
    largest: largest ? { bytes: largest.bytes, label: largest.label, phase: phaseOf(largest) } : null,
    over16KB: all.filter((e) => e.bytes > GOAL_MAX_SETDATA).length,
    where: {
      mount: byKey(mount.entries), appends: byKey(appends.flatMap((w) => w.entries)), scroll: byKey(steps.flatMap((w) => w.entries)),
      firstAppend: sample(appends[0]), append25: sample(appends[24]), largestScrollStep: largestStep ? { scrollTop: largestStep.scrollTop, payload: sample(largestStep) } : null,
    },
  }
  results.ours = ours
  return ours
}

// ---------------------------------------------------------------------------------------------------------------

function report ({ ours, native, results }) {
  const out = []
  const line = (s = '') => out.push(s)
  const row = (label, a, b, c) => line(`  ${label.padEnd(46)} ${String(a ?? '').padStart(17)} ${String(b ?? '').padStart(17)} ${String(c ?? '').padStart(9)}`.trimEnd())
  const n = stats(native.appends)
  line('bench:setdata — 消费记录 list, miniprogram-simulate, windowWidth 375 / windowHeight 667')
  line(`data: ${fmt(results.dataSet.settlements)} settlements (bulk person ${results.dataSet.cardNumber}); native rows: ${native.rowsFromTaro} as sent by the Taro page, ${native.rowsFormatted} formatted by the bench${native.rowsFromTaro ? ` (whose formatter matches ${native.formatterAgrees} of the ${native.rowsFromTaro})` : ''}`)
  line()
  row('', 'ours', 'native', 'ours÷nat')
  if (!ours) {
    row('mount (first 20 rows): bytes', '—', fmt(native.mount.bytes))
    row('setData calls per append', '—', [...new Set(n.calls)].join('/'))
    row('bytes per append: mean', '—', fmt(n.mean))
    row('bytes per append: min / max', '—', `${fmt(n.min)} / ${fmt(n.max)}`)
    row('nodes after 1 / 25 / 50 appends', '—', [1, 25, 50].map((k) => native.appends[k - 1].nodes.walk).join(' / '))
    process.stdout.write(`${out.join('\n')}\n`)
    return
  }
  const o = stats(ours.appends)
  const scroll = ours.scroll.steps.map((s) => s.bytes)
  const scrollTotal = sum(scroll)
  const oursJourney = ours.mount.bytes + o.total + scrollTotal
  const nativeJourney = native.mount.bytes + n.total
  const nodesAt = (list, k) => list[k - 1].nodes
  const first = ours.appends[0].bytes / native.appends[0].bytes
  const meanRatio = o.mean / n.mean
  const journeyRatio = oursJourney / nativeJourney
  const lo = ours.loadingOn
  row('mount (shell + first 20 rows): calls', ours.mount.calls, native.mount.calls)
  row('mount: bytes', fmt(ours.mount.bytes), fmt(native.mount.bytes), ratio(ours.mount.bytes, native.mount.bytes))
  row('setData calls per append (min–max)', `${Math.min(...o.calls)}–${Math.max(...o.calls)}`, `${Math.min(...n.calls)}–${Math.max(...n.calls)}`)
  row('bytes per append #1', fmt(ours.appends[0].bytes), fmt(native.appends[0].bytes), first.toFixed(2))
  row('bytes per append #25', fmt(ours.appends[24].bytes), fmt(native.appends[24].bytes), ratio(ours.appends[24].bytes, native.appends[24].bytes))
  row('bytes per append: mean', fmt(o.mean), fmt(n.mean), meanRatio.toFixed(2))
  row('bytes per append: min / max', `${fmt(o.min)} / ${fmt(o.max)}`, `${fmt(n.min)} / ${fmt(n.max)}`)
  row('bytes, 50 appends', fmt(o.total), fmt(n.total), ratio(o.total, n.total))
  row(`scroll to row ${SCROLL_TO_ROW}: steps of ${WINDOW_HEIGHT} px`, ours.scroll.steps.length, '(no calls)')
  row('bytes per scroll step: mean / max', `${fmt(mean(scroll))} / ${fmt(Math.max(...scroll))}`, '0 / 0')
  row('scroll steps with no setData', scroll.filter((b) => b === 0).length, '')
  row('bytes, whole scroll', fmt(scrollTotal), '0')
  row('whole journey (mount + appends + scroll)', fmt(oursJourney), fmt(nativeJourney), journeyRatio.toFixed(2))
  row('largest single setData', fmt(ours.largest?.bytes), fmt(native.largest))
  row('nodes after 1 / 25 / 50 appends (ours at top)', [1, 25, 50].map((k) => nodesAt(ours.appends, k).walk).join(' / '), [1, 25, 50].map((k) => nodesAt(native.appends, k).walk).join(' / '))
  row('.row elements after 1 / 25 / 50 appends', [1, 25, 50].map((k) => nodesAt(ours.appends, k).rows).join(' / '), [1, 25, 50].map((k) => nodesAt(native.appends, k).rows).join(' / '))
  row(`nodes at row ${SCROLL_TO_ROW} after the scroll`, ours.scroll.nodesAfter.walk, '')
  row(`nodes with ${fmt(lo.entries)} entries: bottom / top`, `${lo.nodesAtBottom.walk} / ${lo.nodesAtTop.walk}`, '')
  line()
  line(`  row height ${ours.scroll.rowHeightPx} px (${ours.scroll.rowHeightFrom}); nodes = exparser walk (querySelectorAll agrees: ${[ours.mount.nodes, ...ours.appends.filter((a) => a.nodes).map((a) => a.nodes), lo.nodesAtBottom].every((x) => x.dom === x.walk) ? 'yes' : 'NO'})`)
  line(`  largest setData: ${fmt(ours.largest?.bytes)} B from ${ours.largest?.label} during ${ours.largest?.phase}; setData over 16 KB: ${ours.over16KB}`)
  line(`  loading on to ${fmt(lo.entries)} entries (${lo.stoppedBy}, ${lo.seconds} s): ${lo.appendBytes.length} appends, mean ${fmt(mean(lo.appendBytes))} B (max ${fmt(Math.max(0, ...lo.appendBytes))}), ` +
    `each after a scroll to the bottom: mean ${fmt(mean(lo.scrollBytes))} B (max ${fmt(Math.max(0, ...lo.scrollBytes))}); back to the top ${fmt(lo.backToTopBytes)} B`)
  line(`  component instances at the end: ${Object.entries(lo.instances).map(([k, v]) => `${k} ${v}`).join(', ')}`)
  line()
  line('goals')
  const goal = (ok, s) => line(`  [${ok ? 'met' : 'NOT MET'}] ${s}`)
  goal(meanRatio <= GOAL_RATIO && first <= GOAL_RATIO, `bytes per append ÷ native ≤ ${GOAL_RATIO}: first ${first.toFixed(2)}, mean ${meanRatio.toFixed(2)}`)
  goal(journeyRatio <= GOAL_RATIO, `whole journey ÷ native ≤ ${GOAL_RATIO}: ${journeyRatio.toFixed(2)} (${fmt(oursJourney)} ÷ ${fmt(nativeJourney)} B)`)
  goal(ours.over16KB === 0, `no setData over 16 KB (16,384 B): largest ${fmt(ours.largest?.bytes)} B`)
  const nodeGoalNote = lo.entries >= TARGET_ENTRIES ? '' : ` — only ${fmt(lo.entries)} of ${fmt(TARGET_ENTRIES)} entries were loaded`
  goal(Math.max(lo.nodesAtBottom.walk, lo.nodesAtTop.walk) < GOAL_NODES && lo.entries >= TARGET_ENTRIES,
    `fewer than ${fmt(GOAL_NODES)} nodes with ${fmt(TARGET_ENTRIES)} entries loaded: ${lo.nodesAtBottom.walk} at the bottom, ${lo.nodesAtTop.walk} at the top${nodeGoalNote}`)
  line()
  line('where our bytes go (JSON bytes by the field they belong to; setData keys with their last index as #)')
  const show = (title, w, total) => {
    line(`  ${title} — ${fmt(total)} B; by component: ${top(w.labels, 4).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`)
    line(`    keys:   ${top(w.keys, 5).map(([k, v]) => `${k} ${fmt(v)}`).join('; ')}`)
    line(`    fields: ${top(w.fields, 12).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')}`)
  }
  show('mount', ours.where.mount, ours.mount.bytes)
  show('50 appends', ours.where.appends, o.total)
  show('scroll', ours.where.scroll, scrollTotal)
  show('native, 50 appends', native.where.appends, n.total)
  const calls = (list) => list.map((e) => `${e.bytes} B [${e.keys.slice(0, 6).map(([k, b]) => `${k}=${b}`).join(', ')}${e.keys.length > 6 ? `, … ${e.keys.length} keys` : ''}]`).join('; ')
  line(`  append #1, per setData (key=bytes of its value): ${calls(ours.where.firstAppend)}`)
  line(`  append #25, per setData: ${calls(ours.where.append25)}`)
  const ls = ours.where.largestScrollStep
  if (ls) line(`  largest scroll step (scrollTop ${ls.scrollTop}): ${calls(ls.payload)}`)
  process.stdout.write(`${out.join('\n')}\n`)
}

main().then(() => process.exit(process.exitCode || 0), (e) => {
  process.stderr.write(`bench:setdata failed: ${e && e.stack ? e.stack : e}\n`)
  process.exit(1)
})
