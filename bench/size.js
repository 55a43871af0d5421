#!/usr/bin/env node
// bench:size — builds weapp, alipay and h5 (when stale) and prints raw and gzip bytes of each package.
// Goals: weapp main package ≤ 400 KB raw; every subpackage ≤ 150 KB, and what a cold start to the
// hospital page (a scanned code) and to the family view (a shared card) downloads in all. KB = 1,024 bytes.
const { execFileSync } = require('node:child_process')
const { readdirSync, readFileSync, statSync, existsSync } = require('node:fs')
const { join, relative, sep } = require('node:path')
const { gzipSync } = require('node:zlib')

const root = join(__dirname, '..')
execFileSync(process.execPath, [join(root, 'scripts', 'ensure-build.js'), 'weapp', 'alipay', 'h5'], { stdio: 'inherit' })

function files (dir) {
  const out = []
  const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else out.push(p) } }
  if (existsSync(dir)) walk(dir)
  return out
}
const sizes = (list) => list.reduce((a, f) => { const b = readFileSync(f); a.raw += b.length; a.gzip += gzipSync(b, { level: 9 }).length; a.files++; return a }, { raw: 0, gzip: 0, files: 0 })
const ignoredInMain = new Set(['project.config.json', 'project.private.config.json', 'mini.project.json'])
const isLicense = (f) => /LICENSE/i.test(f)

function miniPackages (target) {
  const dist = join(root, 'dist', target)
  const all = files(dist).filter((f) => !isLicense(f))
  const inSub = (f) => relative(dist, f).split(sep)[0] === 'packages'
  const rows = [[`${target} main package`, sizes(all.filter((f) => !inSub(f) && !ignoredInMain.has(relative(dist, f))))]]
  const subRoot = join(dist, 'packages')
  if (existsSync(subRoot)) for (const name of readdirSync(subRoot).sort()) rows.push([`${target} subpackage packages/${name}`, sizes(files(join(subRoot, name)).filter((f) => !isLicense(f)))])
  return rows
}

const h5 = files(join(root, 'dist', 'h5')).filter((f) => f.endsWith('.js'))
const rows = [...miniPackages('weapp'), ...miniPackages('alipay'), ['h5 JavaScript (all chunks)', sizes(h5)]]
const kb = (n) => (n / 1024).toFixed(1)
console.log('\npackage'.padEnd(40) + 'files'.padStart(7) + 'raw bytes'.padStart(12) + 'raw KB'.padStart(9) + 'gzip bytes'.padStart(12) + 'gzip KB'.padStart(9))
for (const [name, s] of rows) console.log(name.padEnd(39) + String(s.files).padStart(7) + String(s.raw).padStart(12) + kb(s.raw).padStart(9) + String(s.gzip).padStart(12) + kb(s.gzip).padStart(9))
const main = rows[0][1].raw
console.log(`\nweapp main package: ${kb(main)} KB raw; goal ≤ 400 KB → ${main <= 400 * 1024 ? 'met' : `over by ${kb(main - 400 * 1024)} KB`}`)
// A cold start straight into a subpackage page downloads the main package and that subpackage, nothing else.
const SUB_GOAL = 150 * 1024
console.log('\nsubpackages (goal ≤ 150 KB raw each) and a cold start straight into one (main + that subpackage):')
for (const target of ['weapp', 'alipay']) {
  const [mainRow, ...subs] = rows.filter(([name]) => name.startsWith(`${target} `))
  for (const [name, s] of subs) {
    const sub = name.replace(`${target} subpackage `, '')
    const cold = mainRow[1].raw + s.raw; const coldGzip = mainRow[1].gzip + s.gzip
    const goal = s.raw <= SUB_GOAL ? 'met' : `over by ${kb(s.raw - SUB_GOAL)} KB`
    console.log(`  ${target} ${sub.padEnd(20)} ${kb(s.raw).padStart(7)} KB (${goal}); cold start ${kb(cold)} KB raw / ${kb(coldGzip)} KB gzip`)
  }
}
const largest = files(join(root, 'dist', 'weapp')).filter((f) => !relative(join(root, 'dist', 'weapp'), f).startsWith('packages'))
  .map((f) => [relative(join(root, 'dist', 'weapp'), f), statSync(f).size]).sort((a, b) => b[1] - a[1]).slice(0, 8)
console.log('largest weapp main-package files:'); for (const [f, n] of largest) console.log(`  ${String(n).padStart(9)}  ${f}`)
