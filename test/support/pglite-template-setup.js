// jest globalSetup for the server layer: migrate one PGlite once and dump it; each test file loads the dump.
const { writeFileSync, mkdtempSync } = require('node:fs')
const { join } = require('node:path')
const { tmpdir } = require('node:os')

module.exports = async () => {
  if (process.env.DATABASE_URL) return // the PostgreSQL pass truncates instead
  const { PGlite } = require('@electric-sql/pglite')
  const { drizzle } = require('drizzle-orm/pglite')
  const { migrate } = require('drizzle-orm/pglite/migrator')
  const client = await PGlite.create()
  await migrate(drizzle({ client }), { migrationsFolder: join(__dirname, '..', '..', 'server', 'db', 'migrations') })
  const dump = await client.dumpDataDir('none')
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-'))
  const file = join(dir, 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await client.close()
  process.env.PGLITE_TEMPLATE = file
}
