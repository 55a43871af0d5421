// Run by date.test.ts in a child process whose TZ is a zone with daylight saving (jest's own process cannot change its
// zone once started): reads instants (epoch ms, each with a "now") as JSON on stdin, prints what every formatter of
// src/utils/date.ts makes of them, and the zone's offsets in January and July, which show the zone was in force.
import { chinaDate, daysBetween, formatAsOf, formatDate, formatDateTime, formatDateTimeShort, formatRelativeDay } from '../../../src/utils/date'

let input = ''
process.stdin.setEncoding('utf8')
process.stdin.on('data', (chunk: string) => { input += chunk })
process.stdin.on('end', () => {
  const cases = JSON.parse(input) as [number, number][]
  const out = cases.map(([at, now]) => {
    const iso = new Date(at).toISOString()
    return [
      formatDate(iso), formatDateTime(at), formatDateTimeShort(new Date(at)), chinaDate(iso),
      formatRelativeDay(iso, now), formatAsOf(iso, now), String(daysBetween('2026-01-01', iso)),
    ]
  })
  const offsets = [new Date('2026-01-15T00:00:00Z').getTimezoneOffset(), new Date('2026-07-15T00:00:00Z').getTimezoneOffset()]
  process.stdout.write(JSON.stringify({ offsets, out }))
})
