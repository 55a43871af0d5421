// One process per PGlite data directory: a second open is refused clearly; a stale lock is taken over.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DataDirLockedError, openDb } from '../../../server/db'

jest.setTimeout(60_000)
let dir: string
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'yibao-lock-')) })
afterAll(() => { rmSync(dir, { recursive: true, force: true }) })

test('a second server on the same directory gets a clear refusal; after close it opens again', async () => {
  const first = await openDb({ dataDir: dir })
  await expect(openDb({ dataDir: dir })).rejects.toThrow(DataDirLockedError)
  await expect(openDb({ dataDir: dir })).rejects.toThrow(/只能由一个进程打开/)
  await first.close()
  const again = await openDb({ dataDir: dir })
  await again.close()
})

test('a lock left by a process that is gone does not block', async () => {
  writeFileSync(join(dir, 'server.lock'), '999999999')
  const h = await openDb({ dataDir: dir })
  await h.close()
})
