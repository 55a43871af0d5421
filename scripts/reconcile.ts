// `npm run reconcile`: the operator check that every shown balance equals the sum of its postings. Opens the same
// database the server would (DATABASE_URL, else PGlite in DATA_DIR; stop the server first when it uses PGlite on
// disk: one process per data directory), prints one line per person whose figures disagree and a summary, and
// exits 1 when anyone disagrees. It only reads: no demo data is seeded, nothing is changed.
import { loadConfig, ConfigError } from '../server/config'
import { openDb, DataDirLockedError, type DbHandle } from '../server/db'
import { systemClock } from '../server/adapters/clock'
import type { Clock } from '../server/domain/ports'
import { reconcile, type Disagreement } from '../server/domain/reconcile'

const yuan = (fen: number) => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`
const chinaTime = (t: Date) => new Date(t.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')

export function disagreementLine (d: Disagreement): string {
  return `不一致  ${d.maskedName}  参保人 ${d.personId}  显示余额 ${yuan(d.shownFen)}（${d.shownFen} 分）  ` +
    `按流水重算 ${yuan(d.recomputedFen)}（${d.recomputedFen} 分）  相差 ${d.shownFen - d.recomputedFen} 分`
}

export interface ReconcileMainOptions {
  env?: NodeJS.ProcessEnv
  /** An open database (tests); otherwise opened from the environment like server/main.ts, and closed at the end. */
  handle?: DbHandle
  clock?: Clock
  out?: (line: string) => void
  err?: (line: string) => void
}

/** Runs the check; resolves to the exit code (0 all agree, 1 someone disagrees, 2 could not run). */
export async function main (o: ReconcileMainOptions = {}): Promise<number> {
  const out = o.out ?? ((line: string) => { process.stdout.write(`${line}\n`) })
  const err = o.err ?? ((line: string) => { process.stderr.write(`${line}\n`) })
  let handle = o.handle
  try {
    if (!handle) {
      const cfg = loadConfig(o.env ?? process.env)
      handle = await openDb({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir })
    }
    const report = await reconcile(handle.db, o.clock ?? systemClock, { onDisagreement: (d) => out(disagreementLine(d)) })
    const n = report.disagreements.length
    out(`对账完成：数据截至 ${chinaTime(report.asOf)}（北京时间），检查 ${report.checked} 位参保人，` +
      (n === 0 ? '余额与流水全部一致。' : `${n} 位余额与流水不一致。`))
    return n === 0 ? 0 : 1
  } catch (e) {
    if (e instanceof ConfigError || e instanceof DataDirLockedError) err(`无法对账：${e.message}`)
    else err(`无法对账：${e instanceof Error ? e.stack ?? e.message : String(e)}`)
    return 2
  } finally {
    if (handle && !o.handle) await handle.close()
  }
}

if (require.main === module) {
  main().then((code) => process.exit(code), () => process.exit(2))
}
