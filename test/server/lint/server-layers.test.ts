// The server's layer rules are lint rules (eslint.config.mjs): each forbidden import below fails `npm run lint`, and
// the one door left open (an adapter importing the domain's ports) passes. Linted as text under the path it would have.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

interface Case { filePath: string; code: string }

/** The rule ids ESLint reports for each case, run in a child process (ESLint loads the flat config as ESM). */
function ruleIds (cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint')
    const cases = JSON.parse(process.argv[1])
    ;(async () => {
      const eslint = new ESLint({ cwd: process.cwd() })
      const out = []
      for (const c of cases) {
        const [result] = await eslint.lintText(c.code, { filePath: c.filePath })
        out.push(result.messages.map((m) => m.ruleId ?? m.message))
      }
      process.stdout.write(JSON.stringify(out))
    })().catch((e) => { console.error(e); process.exit(1) })`
  const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: resolve(__dirname, '../../..'), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as string[][]
}

const restricted = ['import-x/no-restricted-paths']

test('the domain imports no Fastify, plugins, routes or adapters; adapters import only the domain\'s ports; no cycles', () => {
  // [where the import stands, the import, the rules it breaks]
  const cases: [string, string, string[]][] = [
    ['server/domain/lint-fixture.ts', "import type { FastifyRequest } from 'fastify'\nexport type R = FastifyRequest", ['@typescript-eslint/no-restricted-imports']],
    ['server/domain/lint-fixture.ts', "import { sessionOf } from '../plugins/auth'\nexport const s = sessionOf", restricted],
    ['server/domain/lint-fixture.ts', "import routes from '../routes/api/v1/spending'\nexport const r = routes", restricted],
    ['server/domain/lint-fixture.ts', "import { systemClock } from '../adapters/clock'\nexport const c = systemClock", restricted],
    ['server/adapters/lint-fixture.ts', "import { maskName } from '../domain/mask'\nexport const m = maskName", restricted],
    ['server/adapters/lint-fixture.ts', "import type { Clock } from '../domain/ports'\nexport const c: Clock = { now: () => new Date() }", []],
    // messages.ts importing errors.ts, which imports messages.ts.
    ['server/domain/messages.ts', "import { AppError } from './errors'\nexport const e = AppError", ['import-x/no-cycle']],
  ]
  expect(ruleIds(cases.map(([filePath, code]) => ({ filePath, code: `${code}\n` })))).toEqual(cases.map(([, , rules]) => rules))
})
