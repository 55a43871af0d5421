// China time for the generator. China has had no daylight saving time since 1991, so a fixed +08:00 offset is exact
// and the generator does not depend on the machine's zone. A "day number" counts China calendar days since 1970-01-01.
import type { Prng } from '../prng'

export const MINUTE = 60_000
const HOUR = 3_600_000
export const DAY = 86_400_000
const CN_OFFSET = 8 * HOUR

export const dayNo = (y: number, mo: number, d: number) => Date.UTC(y, mo - 1, d) / DAY
export const dayOf = (t: Date) => Math.floor((t.getTime() + CN_OFFSET) / DAY)
const dayOfWeek = (dn: number) => (((dn + 4) % 7) + 7) % 7 // 1970-01-01 was a Thursday; 0 = Sunday
export const ymd = (dn: number) => { const x = new Date(dn * DAY); return { y: x.getUTCFullYear(), mo: x.getUTCMonth() + 1, d: x.getUTCDate() } }
export const monthIndexOf = (t: Date) => { const { y, mo } = ymd(dayOf(t)); return y * 12 + mo - 1 }
export const monthOf = (mi: number) => ({ y: Math.floor(mi / 12), mo: (mi % 12) + 1 })
export const daysInMonth = (y: number, mo: number) => new Date(Date.UTC(y, mo, 0)).getUTCDate()
export const pad = (n: number, w = 2) => String(n).padStart(w, '0')
export const periodOf = (mi: number) => { const { y, mo } = monthOf(mi); return `${y}-${pad(mo)}` }

/** The China calendar date of an instant, YYYY-MM-DD. */
export function chinaDateString (t: Date): string {
  const { y, mo, d } = ymd(dayOf(t))
  return `${y}-${pad(mo)}-${pad(d)}`
}

/** An instant given in China wall-clock time. */
export function chinaTime (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Date {
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - CN_OFFSET)
}

/** A random moment on China day `dn` between `fromH`:00 and `toH`:00. */
export function timeOn (rng: Prng, dn: number, fromH: number, toH: number): Date {
  return new Date(dn * DAY - CN_OFFSET + rng.int(fromH * 60, toH * 60 - 1) * MINUTE + rng.int(0, 59) * 1000)
}

/** Offices (employers' payroll, insurance bureaus) work on weekdays: Saturday and Sunday move to Monday. */
export function nextWeekday (dn: number): number {
  const dow = dayOfWeek(dn)
  return dow === 6 ? dn + 2 : dow === 0 ? dn + 1 : dn
}
/** Saturday and Sunday move back to Friday (used when laying out a claim's timeline backwards). */
export function prevWeekday (dn: number): number {
  const dow = dayOfWeek(dn)
  return dow === 6 ? dn - 1 : dow === 0 ? dn - 2 : dn
}

/** Records reach the app 1–3 days after they happen (docs/domain.md, Ledger): whole minutes within [1 day, 3 days]. */
export const postDelay = (rng: Prng, t: Date) => new Date(t.getTime() + DAY + rng.int(0, 2 * 24 * 60) * MINUTE)
