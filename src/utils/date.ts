// Date display in China time (Asia/Shanghai) whatever the device's zone: 2026年11月24日, 数据截至 …, 今天/昨天.

/**
 * China time is UTC+8 all year (no daylight saving since 1991): an instant's epoch milliseconds plus eight hours,
 * read with the UTC getters, is its Beijing wall clock. Nothing here reads the device's own zone, so a phone in a
 * zone that changes its clocks cannot shift a time by an hour, and no Intl time-zone set-up (about 100 ms on a slow
 * phone) is paid.
 */
const CHINA_OFFSET_MS = 8 * 3600_000
const DAY_MS = 86_400_000
const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

type DateInput = string | number | Date

interface ChinaTime { year: number, month: number, day: number, weekday: string, hm: string, dayNumber: number }

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function epochMs (input: DateInput): number {
  return input instanceof Date ? input.getTime() : typeof input === 'number' ? input : Date.parse(input)
}

function china (input: DateInput): ChinaTime {
  const shifted = epochMs(input) + CHINA_OFFSET_MS
  const t = new Date(shifted)
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    weekday: WEEKDAYS[t.getUTCDay()]!,
    hm: `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`,
    // Whole China calendar days since 1970-01-01: two of them subtract to a day count with no DST to get wrong.
    dayNumber: Math.floor(shifted / DAY_MS),
  }
}

const dateOf = (c: ChinaTime) => `${pad(c.year, 4)}年${c.month}月${c.day}日`

/** `2026年11月24日` */
export function formatDate (input: DateInput): string {
  return dateOf(china(input))
}

/** `2026年11月24日 星期二 14:05` */
export function formatDateTime (input: DateInput): string {
  const c = china(input)
  return `${dateOf(c)} ${c.weekday} ${c.hm}`
}

/**
 * A day label relative to `now`: 今天 / 昨天 / 前天 / N天前 inside the last week, the full date beyond it
 * (and for anything in the future, which would otherwise read oddly).
 */
export function formatRelativeDay (input: DateInput, now: DateInput = Date.now()): string {
  const days = china(now).dayNumber - china(input).dayNumber
  if (days === 0) return '今天'
  if (days === 1) return '昨天'
  if (days === 2) return '前天'
  if (days > 2 && days < 7) return `${days}天前`
  return formatDate(input)
}

/**
 * `数据截至 今天 14:05` / `数据截至 昨天 14:05`, else the full date (`数据截至 2026年11月20日 星期五 08:00`):
 * "5天前 08:00" reads oddly for a point in time, and older people asked for the date itself.
 */
export function formatAsOf (input: DateInput, now: DateInput = Date.now()): string {
  const label = formatRelativeDay(input, now)
  if (label === '今天' || label === '昨天') return `数据截至 ${label} ${china(input).hm}`
  return `数据截至 ${formatDateTime(input)}`
}

/** Today's date in China as `2026-11-24` (what the lists' from / to take). */
export function chinaDate (input: DateInput = Date.now()): string {
  const c = china(input)
  return `${pad(c.year, 4)}-${pad(c.month)}-${pad(c.day)}`
}

/** `2026年11月24日 14:05` (no weekday: for list rows, where space is short). */
export function formatDateTimeShort (input: DateInput): string {
  const c = china(input)
  return `${dateOf(c)} ${c.hm}`
}

/** An ISO date `2026-11-24` read as China's calendar day, shown `2026年11月24日`. */
export function formatIsoDate (isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Whole days from the calendar day `isoDate` to the China day of `input` (positive when `input` is later). */
export function daysBetween (isoDate: string, input: DateInput): number {
  return Math.round((Date.parse(`${chinaDate(input)}T00:00:00Z`) - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000)
}
