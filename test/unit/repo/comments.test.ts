// Comments and docs point inside the repository or nowhere: no design notes kept elsewhere ("DESIGN §2",
// "recipes/long-lists.md", "../shared"), and no words about how the work on the code was organised ("issue 11",
// "stop 3", "the lead"). Someone who clones the project has only what is here; docs/ is where the design lives.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

const root = join(__dirname, '..', '..', '..')

/** The trees and top-level files a newcomer reads. */
const SCANNED = ['src', 'server', 'test', 'bench', 'scripts', 'config', 'types', '.ci', 'docs', '__mocks__',
  'eslint.config.mjs', 'jest.config.js', 'babel.config.js', 'drizzle.config.ts', 'README.md']
const TEXT = /\.(ts|tsx|js|mjs|cjs|scss|wxml|wxss|json|md|sh)$|^run$/
/** Generated files (Drizzle's migration snapshots) and this file, which has to name what it looks for. */
const SKIPPED = [join('server', 'db', 'migrations', 'meta'), join('test', 'unit', 'repo', 'comments.test.ts')]

/** What points outside the repository, or speaks of the work rather than the code. */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/\bDESIGN(\.md)?\b/, 'a design document outside the repository'],
  [/§\s*\d/, 'a section of a document outside the repository'],
  [/\brecipes?\//i, 'a recipe outside the repository'],
  [/\.\.\/shared\b|\/work\//, 'a path outside the repository'],
  [/PLATFORM-APIS/, 'a document outside the repository'],
  [/\bissues? #?\d+/i, 'an issue number'],
  [/\bthe issue'?s\b/i, 'the issue that asked for it'],
  [/\bstop \d+\b/i, 'a stage of the work'],
  [/\bthe lead\b|\blead's\b/i, 'who led the work'],
  [/\bsession #?[1-9]\d?\b/i, 'a session of work'],
  [/\bworktree\b|\bi\d+-[a-z]+\b/i, 'how the work was split'],
]

function files (path: string): string[] {
  const rel = relative(root, path)
  if (SKIPPED.some((s) => rel === s || rel.startsWith(s + sep))) return []
  let entries
  try {
    entries = readdirSync(path, { withFileTypes: true })
  } catch {
    return TEXT.test(path.split(sep).pop() ?? '') ? [path] : []
  }
  return entries.flatMap((e) => {
    const full = join(path, e.name)
    if (e.isDirectory()) return files(full)
    return TEXT.test(e.name) && !SKIPPED.includes(relative(root, full)) ? [full] : []
  })
}

test('no comment or document points outside the repository', () => {
  const scanned = SCANNED.flatMap((p) => files(join(root, p)))
  expect(scanned.length).toBeGreaterThan(300)
  const hits: string[] = []
  for (const file of scanned) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const [pattern, what] of FORBIDDEN) {
        if (pattern.test(line)) hits.push(`${relative(root, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 120)}`)
      }
    })
  }
  expect(hits).toEqual([])
})
