// bench:setdata's baseline: the native page (bench/setdata/native/spending) shows the same rows: the first 20, then
// 50 appends of 20, each one setData of path keys. Runs in a process of its own (run.js starts it): the official
// compiler's output keeps global state, and a second app root compiled in the process that already runs the Taro
// build renders wrongly. Usage: node bench/setdata/native.js <rows.json> <out.json>
const fs = require('node:fs')
const path = require('node:path')
const mini = require('./mini')
const { sum, byKey } = require('./payload')

const NATIVE_DIR = path.join(__dirname, 'native')
const NATIVE_ROUTE = 'spending/index'

async function measureNative ({ rows, pageSize = 20, appends: count = 50 }) {
  const { log, quiet, countNodes } = mini
  const { comp, page } = mini.openNative(NATIVE_DIR, NATIVE_ROUTE)
  const run = async (slice) => {
    const from = log.length
    page.append(slice)
    await quiet({ quiet: 40 })
    const entries = log.slice(from)
    return { calls: entries.length, bytes: sum(entries.map((e) => e.bytes)), largest: Math.max(0, ...entries.map((e) => e.bytes)), entries }
  }
  const mount = await run(rows.slice(0, pageSize))
  mount.nodes = countNodes(comp)
  const appends = []
  for (let k = 1; k <= count; k++) {
    const w = await run(rows.slice(k * pageSize, (k + 1) * pageSize))
    w.n = k
    if ([1, 5, 25, 50].includes(k)) w.nodes = countNodes(comp)
    appends.push(w)
  }
  if (appends.at(-1).nodes && appends.at(-1).nodes.rows !== rows.length) {
    throw new Error(`the native page shows ${appends.at(-1).nodes.rows} rows, expected ${rows.length}`)
  }
  return {
    initialData: Buffer.byteLength(JSON.stringify({ list: [] })), rows: rows.length,
    mount: { calls: mount.calls, bytes: mount.bytes, nodes: mount.nodes },
    appends: appends.map((w) => ({ n: w.n, calls: w.calls, bytes: w.bytes, largest: w.largest, nodes: w.nodes })),
    largest: Math.max(mount.largest, ...appends.map((w) => w.largest)),
    where: { appends: byKey(appends.flatMap((w) => w.entries)) },
  }
}

if (require.main === module) {
  const [rowsFile, outFile] = process.argv.slice(2)
  measureNative({ rows: JSON.parse(fs.readFileSync(rowsFile, 'utf8')) })
    .then((r) => { fs.writeFileSync(outFile, JSON.stringify(r)); process.exit(0) })
    .catch((e) => { process.stderr.write(`${e && e.stack ? e.stack : e}\n`); process.exit(1) })
}

module.exports = { measureNative }
