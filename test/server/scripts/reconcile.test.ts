// `npm run reconcile` (scripts/reconcile.ts): its main function on a test database — all agree (exit 0), one person
// corrupted (one line naming them masked, exit 1), and a refusal to run (exit 2) that says why in Chinese.
import { sql } from 'drizzle-orm'
import { main } from '../../../scripts/reconcile'
import type { DbHandle } from '../../../server/db'
import { rowsOf } from '../../../server/db/rows'
import { DataCipher } from '../../../server/domain/secrets'
import { seedDemo } from '../../../server/demo/seed'
import { TEST_AS_OF, TestClock } from '../../support/app'
import { demoPerson } from '../../support/demo'
import { testDb } from '../../support/db'

let handle: DbHandle
beforeAll(async () => {
  handle = await testDb()
  await seedDemo(handle.db, { cipher: new DataCipher('a-test-data-key-that-is-long-enough-0123456789'), asOf: TEST_AS_OF, production: false })
})
afterAll(async () => { await handle.close() })

async function run (o: Parameters<typeof main>[0] = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await main({ clock: new TestClock(), ...o, out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out, err }
}

test('the demo data reconciles: a summary line and exit code 0', async () => {
  const r = await run({ handle })
  expect(r).toEqual({ code: 0, out: ['对账完成：数据截至 2026-11-20 08:00（北京时间），检查 4 位参保人，余额与流水全部一致。'], err: [] })
})

test('one corrupted posting: one line for that person (masked name, id, both figures) and exit code 1', async () => {
  const p = demoPerson(1)
  const [row] = rowsOf<{ id: number; person_id: number }>(await handle.db.execute(sql`
    select l.id::int as id, l.person_id::int as person_id from ledger_entries l join persons p on p.id = l.person_id
    where p.card_number = ${p.cardNumber} and l.kind = 'consumption' order by l.id limit 1`))
  const before = await run({ handle })
  expect(before.code).toBe(0)
  await handle.db.execute(sql`update ledger_entries set amount_fen = amount_fen - 12345 where id = ${row!.id}`)
  const r = await run({ handle })
  expect(r.code).toBe(1)
  expect(r.out).toHaveLength(2)
  const [line, summary] = r.out as [string, string]
  expect(line).toMatch(new RegExp(`^不一致  ${p.maskedName.replace(/\*/g, '\\*')}  参保人 ${row!.person_id}  显示余额 ¥[\\d,]+\\.\\d\\d（(-?\\d+) 分）  按流水重算 ¥[\\d,]+\\.\\d\\d（(-?\\d+) 分）  相差 -12345 分$`))
  const [, shown, recomputed] = /（(-?\d+) 分）.*（(-?\d+) 分）/.exec(line)!
  expect(Number(shown) - Number(recomputed)).toBe(-12345)
  expect(line).not.toContain(p.name)
  expect(summary).toBe('对账完成：数据截至 2026-11-20 08:00（北京时间），检查 4 位参保人，1 位余额与流水不一致。')
  await handle.db.execute(sql`update ledger_entries set amount_fen = amount_fen + 12345 where id = ${row!.id}`)
  expect((await run({ handle })).code).toBe(0)
})

test('opened from the environment like the server: an empty in-memory database has nobody to check', async () => {
  const r = await run({ env: { NODE_ENV: 'test', DEV_MODE: '1', DATA_DIR: 'memory://' } })
  expect(r.code).toBe(0)
  expect(r.out[0]).toMatch(/^对账完成：.*检查 0 位参保人，余额与流水全部一致。$/)
})

test('a configuration it cannot run with: exit code 2 and the reason in Chinese', async () => {
  const r = await run({ env: { NODE_ENV: 'production' } })
  expect(r.code).toBe(2)
  expect(r.out).toEqual([])
  expect(r.err[0]).toMatch(/^无法对账：NODE_ENV=production needs real settings/)
})
