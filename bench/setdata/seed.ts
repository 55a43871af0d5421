// bench:setdata data set: one bulk person with a long settlement history (server/demo generateBulk), written into a
// PGlite data directory with the project's own seeding code. Run by bench/setdata/data.js through tsx:
//   tsx bench/setdata/seed.ts '{"dataDir":"/tmp/…","persons":1,"months":120,"spendPerMonth":90,"asOf":"2026-11-20"}'
// Prints one JSON line: persons, ledger entries, and the settlements of person 1 (what GET /api/v1/spending lists).
import { openDb } from '../../server/db'
import { DEV_DATA_KEY } from '../../server/config'
import { DataCipher } from '../../server/domain/secrets'
import { generateBulk } from '../../server/demo/generator'
import { parseDemoAsOf, writeDemoData } from '../../server/demo/seed'

interface SeedArgs { dataDir: string; persons: number; months: number; spendPerMonth: number; asOf: string }

async function main (): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as Partial<SeedArgs>
  if (!args.dataDir || !args.asOf || !args.persons || !args.months || !args.spendPerMonth) {
    throw new Error('usage: tsx bench/setdata/seed.ts \'{"dataDir","persons","months","spendPerMonth","asOf"}\'')
  }
  const asOf = parseDemoAsOf(args.asOf, new Date())
  const data = generateBulk({ asOf, persons: args.persons, months: args.months, spendPerMonth: args.spendPerMonth })
  const handle = await openDb({ dataDir: args.dataDir })
  try {
    const summary = await writeDemoData(handle.db, data, { cipher: new DataCipher(DEV_DATA_KEY), production: false })
    const first = data.persons[0]
    process.stdout.write(`${JSON.stringify({
      persons: summary.persons, entries: summary.entries,
      settlements: first ? first.settlements.length : 0, cardNumber: first?.facts.cardNumber ?? null,
    })}\n`)
  } finally {
    await handle.close()
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`)
  process.exit(1)
})
