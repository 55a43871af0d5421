// The time to try again reads as China's clock, whatever zone the server runs in: the wording is computed in a
// process of its own under TZ=America/New_York (a zone with daylight saving; jest's own process keeps its zone).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

const root = join(__dirname, '..', '..', '..')

/** [until, now] pairs (ISO) → [chinaClock, pleaseAfter] as a New York process prints them, and its zone offsets. */
function wordsInNewYork (pairs: Array<[string, string]>) {
  const script = `
    const { chinaClock, pleaseAfter } = require('./server/domain/wait-words.ts')
    const pairs = ${JSON.stringify(pairs)}
    const offsets = ['2026-07-01T12:00:00Z', '2026-12-01T12:00:00Z'].map((t) => new Date(t).getTimezoneOffset())
    const words = pairs.map(([u, n]) => [chinaClock(new Date(u), new Date(n)), pleaseAfter(new Date(u), new Date(n))])
    process.stdout.write(JSON.stringify({ offsets, words }))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root, env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8',
  })
  return JSON.parse(out) as { offsets: number[], words: Array<[string, string]> }
}

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString()
const TEN = '2026-12-07T02:00:00.000Z' // 10:00 in China
const LATE = '2026-12-07T14:00:00.000Z' // 22:00 on 12月7日 in China

test('waits read as China clock times in a New York process: seconds under a minute, then the minute, the day', () => {
  const { offsets, words } = wordsInNewYork([
    [plus(TEN, 40_000), TEN],
    [plus(TEN, 59_500), TEN],
    [plus(TEN, 2901_000), TEN], // 10:48:21: the person may try at 10:49, never before the wait ends
    [plus(TEN, 30 * 60_000), TEN],
    ['2026-12-07T15:30:00Z', LATE],
    ['2026-12-07T16:05:00Z', LATE],
    ['2026-12-09T01:00:00Z', LATE],
    // New York's clocks jump at 07:00Z on 2026-03-08 and fall back at 06:00Z on 2026-11-01; China's never change.
    ['2026-03-08T06:59:00Z', '2026-03-08T06:00:00Z'], ['2026-03-08T07:30:00Z', '2026-03-08T07:00:00Z'],
    ['2026-11-01T05:30:00Z', '2026-11-01T05:00:00Z'], ['2026-11-01T06:30:00Z', '2026-11-01T06:00:00Z'],
  ])
  // The child really ran in New York time (summer and winter offsets), so the figures below prove something.
  expect(offsets).toEqual([240, 300])
  expect(words).toEqual([
    ['10:01', '请 40 秒后'],
    ['10:01', '请在 10:01 后'],
    ['10:49', '请在 10:49 后'],
    ['10:30', '请在 10:30 后'],
    ['23:30', '请在 23:30 后'],
    ['明天 00:05', '请在明天 00:05 后'],
    ['12月9日 09:00', '请在 12月9日 09:00 后'],
    ['14:59', '请在 14:59 后'], ['15:30', '请在 15:30 后'],
    ['13:30', '请在 13:30 后'], ['14:30', '请在 14:30 后'],
  ])
})
