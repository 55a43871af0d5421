// A throwaway PostgreSQL cluster under the OS temp dir, as .ci/run makes one: initdb + pg_ctl from the newest
// /usr/lib/postgresql/*/bin, run as the postgres user when this process is root, listening on 127.0.0.1 on a
// free port, stock settings. stop() shuts it down and deletes the directory.
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export interface Cluster { url: string; dir: string; bin: string; stop(): void }

export function findPgBin (): string | undefined {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(a) - Number.parseFloat(b))
  const v = versions[versions.length - 1]
  return v ? join(base, v, 'bin') : undefined
}

export function freePort (): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => resolve(port))
    })
  })
}

export async function startCluster (bin: string): Promise<Cluster> {
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'yibao-bench-pg-'))
  const password = 'bench-pass'
  writeFileSync(join(dir, 'pw'), `${password}\n`)
  let uid: number | undefined
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
    uid = id('-u')
    chownSync(dir, uid, id('-g'))
    chownSync(join(dir, 'pw'), uid, id('-g'))
  }
  // As root: `su postgres -c '<command>'`; otherwise the command itself, as this user.
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const run = (argv: string[]) => {
    const cmd = argv.map(quote).join(' ')
    if (asRoot) execFileSync('su', ['postgres', '-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] })
    else execFileSync('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] })
  }
  const data = join(dir, 'data')
  const port = await freePort()
  let started = false
  const stop = () => {
    if (started) {
      try { run([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', '-w', 'stop']) } catch { /* already down */ }
      started = false
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth-local=peer', '--auth-host=scram-sha-256',
      `--pwfile=${join(dir, 'pw')}`, '-E', 'UTF8', '--locale=C.UTF-8'])
    run([join(bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'server.log'), '-w', '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`, 'start'])
    started = true
    const admin = new pg.Client({ connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/postgres` })
    await admin.connect()
    try { await admin.query('create database yibao_bench') } finally { await admin.end() }
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres:${password}@127.0.0.1:${port}/yibao_bench`, dir, bin, stop }
}
