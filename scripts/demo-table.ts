// Prints the README's demo-person table from the generator (`npx tsx scripts/demo-table.ts`); `--write` updates README.md.
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderDemoPersonsTable, replaceReadmeBlock } from '../server/demo/readme-table'

if (process.argv.includes('--write')) {
  const file = resolve(__dirname, '..', 'README.md')
  writeFileSync(file, replaceReadmeBlock(readFileSync(file, 'utf8')))
  process.stdout.write(`updated ${file}\n`)
} else {
  process.stdout.write(renderDemoPersonsTable())
}
