// What a page's failure becomes before it leaves the phone: its route without the query, the error's type, the
// first line of its message and a few lines of its stack, each cut short, with every run of four or more digits
// replaced (an ID number, a phone, an amount or a claim number in a message is nobody's business in a log).
import type { ClientErrorReport } from '../../types/api/client-errors'

const MAX_LINE = 200
const MAX_STACK = 12

/** One line of text as the report carries it: no control characters, digit runs masked, at most 200 characters. */
function line (text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\d{4,}/g, '#').replace(/\?\S*/g, '?…').trim().slice(0, MAX_LINE)
}

/** The report of `error` thrown while drawing (or outside drawing: `kind`) the page at `route`. */
export function errorReport (error: unknown, route: string, kind: ClientErrorReport['kind'], build?: string): ClientErrorReport {
  const e = error instanceof Error ? error : null
  const name = e?.name && /^[A-Za-z0-9_$.]{1,60}$/.test(e.name) ? e.name : 'Error'
  const message = line((e ? e.message : String(error)).split('\n')[0] ?? '')
  const stack = (e?.stack ?? '').split('\n').slice(1).map((s) => line(s)).filter(Boolean).slice(0, MAX_STACK)
  const page = route.split('?')[0]!.replace(/^\//, '').toLowerCase().replace(/[^a-z0-9/_-]/g, '').slice(0, 120)
  const report: ClientErrorReport = { page, kind, name, message, stack }
  if (build && /^[A-Za-z0-9._-]{1,40}$/.test(build)) report.build = build
  return report
}
