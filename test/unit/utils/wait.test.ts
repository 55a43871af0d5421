// The SMS button's wait reads as China's clock whatever the phone's zone: the wording is computed in a process of
// its own under TZ=America/New_York (a zone with daylight saving; jest's own process keeps its zone).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { resendLabel } from '../../../src/utils/wait'

const root = join(__dirname, '..', '..', '..')

function labelsInNewYork (cases: Array<[number, string]>) {
  const script = `
    const { resendLabel } = require('./src/utils/wait.ts')
    const cases = ${JSON.stringify(cases)}
    const offsets = ['2026-07-01T12:00:00Z', '2026-12-01T12:00:00Z'].map((t) => new Date(t).getTimezoneOffset())
    process.stdout.write(JSON.stringify({ offsets, labels: cases.map(([s, now]) => resendLabel(s, Date.parse(now))) }))`
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root, env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8',
  })
  return JSON.parse(out) as { offsets: number[], labels: string[] }
}

test('within a minute the button counts seconds', () => {
  expect(resendLabel(59, Date.parse('2026-12-07T02:00:00Z'))).toBe('59秒后重新获取')
  expect(resendLabel(60, Date.parse('2026-12-07T02:00:00Z'))).toBe('60秒后重新获取')
})

test('a long wait reads as the China clock time it ends, in a New York process too', () => {
  const { offsets, labels } = labelsInNewYork([
    [2901, '2026-12-07T02:00:00Z'], // 10:00 in China → 10:48:21 → from 10:49
    [3600, '2026-12-07T15:30:00Z'], // 23:30 → 00:30 the next China day
    [90, '2026-03-08T06:59:30Z'], // New York's clocks jump an hour at 07:00Z; China's (15:01) do not
    [90, '2026-11-01T05:59:30Z'], // and fall back at 06:00Z
  ])
  expect(offsets).toEqual([240, 300])
  expect(labels).toEqual(['10:49后可重新获取', '明天 00:30后可重新获取', '15:01后可重新获取', '14:01后可重新获取'])
})
