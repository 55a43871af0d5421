#!/usr/bin/env node
// Builds each named Taro target (weapp, alipay, h5) when its output is missing or older than its inputs,
// so `npm start` and `npm test` work on a fresh clone and stay fast when nothing changed.
const { createHash } = require('node:crypto')
const { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs')
const { join, relative } = require('node:path')
const { spawnSync } = require('node:child_process')

const root = join(__dirname, '..')
const inputs = ['src', 'types', 'config', 'babel.config.js', 'package-lock.json', 'project.config.json', 'project.alipay.json', 'tsconfig.json']
const entryFile = { weapp: 'app.js', alipay: 'app.js', h5: 'index.html' }

function walk (p, out) {
  if (!existsSync(p)) return out
  const st = statSync(p)
  if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name), out)
  else out.push(p)
  return out
}

function inputHash (target) {
  const h = createHash('sha256')
  h.update(`target=${target}\nAPI_BASE=${process.env.API_BASE ?? '(default)'}\nNODE_ENV=${process.env.NODE_ENV ?? ''}\n`)
  for (const f of inputs.flatMap((i) => walk(join(root, i), []))) {
    h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0')
  }
  return h.digest('hex')
}

const targets = process.argv.slice(2)
if (targets.length === 0 || targets.some((t) => !entryFile[t])) {
  console.error('usage: ensure-build.js weapp|alipay|h5 …')
  process.exit(2)
}
const stampDir = join(root, 'node_modules', '.cache', 'ensure-build')
mkdirSync(stampDir, { recursive: true })
for (const target of targets) {
  const stamp = join(stampDir, `${target}.hash`)
  const hash = inputHash(target)
  // A dev watch empties dist/<target>, so a missing entry file counts as stale whatever the stamp says.
  const fresh = existsSync(join(root, 'dist', target, entryFile[target])) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash
  if (fresh) { console.log(`[ensure-build] dist/${target} is up to date`); continue }
  console.log(`[ensure-build] building dist/${target} …`)
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV || 'production' }
  const r = spawnSync(process.execPath, [join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', target],
    { cwd: root, env, stdio: 'inherit' })
  if (r.status !== 0) { console.error(`[ensure-build] taro build --type ${target} failed`); process.exit(r.status || 1) }
  writeFileSync(stamp, hash)
}
