// Opens the database: PostgreSQL when DATABASE_URL is set, else embedded PGlite; applies migrations under a lock.
import { PGlite } from '@electric-sql/pglite'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export interface DbHandle { kind: 'pglite' | 'pg'; db: Db; pglite?: PGlite; close(): Promise<void> }

export const migrationsFolder = resolve(__dirname, 'migrations')
/** Any fixed 64-bit number shared by every process of this app; serialises migrations across processes. */
const MIGRATION_LOCK_ID = 4_712_393_001

export class DataDirLockedError extends Error {}

export async function openDb (o: { databaseUrl?: string; dataDir?: string; migrate?: boolean } = {}): Promise<DbHandle> {
  if (o.databaseUrl) {
    const pool = new pg.Pool({ connectionString: o.databaseUrl, max: 10 })
    const db = drizzlePg({ client: pool, schema }) as unknown as Db
    if (o.migrate !== false) {
      const client = await pool.connect()
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder })
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined)
        client.release()
      }
    }
    return { kind: 'pg', db, close: () => pool.end() }
  }
  const dir = o.dataDir ?? '.data'
  if (dir === 'memory://') return wrapPglite(await PGlite.create(), o.migrate === false ? undefined : migrationsFolder)
  const release = lockDataDir(dir)
  try {
    const handle = await wrapPglite(await PGlite.create({ dataDir: join(dir, 'pg') }), o.migrate === false ? undefined : migrationsFolder)
    return { ...handle, close: async () => { try { await handle.close() } finally { release() } } }
  } catch (e) {
    release()
    throw e
  }
}

export async function wrapPglite (client: PGlite, folder?: string): Promise<DbHandle> {
  const db = drizzlePglite({ client, schema }) as unknown as Db
  if (folder) await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder: folder })
  return { kind: 'pglite', db, pglite: client, close: () => client.close() }
}

/** PGlite allows one process per data directory: hold a lock file and refuse a second server clearly. */
function lockDataDir (dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'server.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => { try { unlinkSync(file) } catch { /* already gone */ } }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(readFileSync(file, 'utf8').trim())
      if (pid && isAlive(pid)) { // this process too: PGlite cannot share a directory between two instances
        throw new DataDirLockedError(`数据目录 ${resolve(dir)} 正被另一个服务进程（pid ${pid}）使用。` +
          '同一个 PGlite 数据目录只能由一个进程打开：请先停止那个进程，或用 DATA_DIR 指定另一个目录，或用 DATABASE_URL 连接 PostgreSQL。')
      }
      unlinkSync(file) // stale lock from a process that is gone
    }
  }
  throw new DataDirLockedError(`无法锁定数据目录 ${resolve(dir)}`)
}

function isAlive (pid: number): boolean {
  try { process.kill(pid, 0); return true } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM' }
}
