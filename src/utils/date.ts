// Date display in China time (Asia/Shanghai) whatever the device's zone: 2026年11月24日, 数据截至 …, 今天/昨天.
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.locale('zh-cn')

/**
 * China time is UTC+8 all year (no daylight saving since 1991), so a fixed offset gives Asia/Shanghai's calendar
 * without dayjs's timezone plugin, whose first call costs about 100 ms of Intl set-up on a slow phone (bench:h5).
 */
const CHINA_OFFSET_MINUTES = 8 * 60

type DateInput = string | number | Date

function china (input: DateInput) {
  return dayjs(input).utcOffset(CHINA_OFFSET_MINUTES)
}

/** `2026年11月24日` */
export function formatDate (input: DateInput): string {
  return china(input).format('YYYY年M月D日')
}

/** `2026年11月24日 星期二 14:05` */
export function formatDateTime (input: DateInput): string {
  return china(input).format('YYYY年M月D日 dddd HH:mm')
}

/**
 * A day label relative to `now`: 今天 / 昨天 / 前天 / N天前 inside the last week, the full date beyond it
 * (and for anything in the future, which would otherwise read oddly).
 */
export function formatRelativeDay (input: DateInput, now: DateInput = Date.now()): string {
  const day = china(input).startOf('day')
  const today = china(now).startOf('day')
  const days = today.diff(day, 'day')
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
  if (label === '今天' || label === '昨天') return `数据截至 ${label} ${china(input).format('HH:mm')}`
  return `数据截至 ${formatDateTime(input)}`
}

/** Today's date in China as `2026-11-24` (what the lists' from / to take). */
export function chinaDate (input: DateInput = Date.now()): string {
  return china(input).format('YYYY-MM-DD')
}

/** `2026年11月24日 14:05` (no weekday: for list rows, where space is short). */
export function formatDateTimeShort (input: DateInput): string {
  return china(input).format('YYYY年M月D日 HH:mm')
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
