// A wait before asking again, as a person reads it: seconds while they are few, else the China clock time it ends
// (10:37后可重新获取), never "2901秒". China is UTC+8 all year: plain UTC arithmetic, so the phone's own zone (and
// its daylight saving) cannot move it.

const CHINA_OFFSET_MS = 8 * 3600_000
const MINUTE_MS = 60_000
const DAY_MS = 24 * 3600_000

const pad = (n: number) => String(n).padStart(2, '0')

/** `10:37`, `明天 08:05` or `12月9日 10:37`: the China minute at or after `until` (never before the wait ends). */
export function chinaClockAt (until: number, now: number): string {
  const at = new Date(Math.ceil(until / MINUTE_MS) * MINUTE_MS + CHINA_OFFSET_MS)
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
  const days = Math.floor(at.getTime() / DAY_MS) - Math.floor((now + CHINA_OFFSET_MS) / DAY_MS)
  if (days <= 0) return time
  if (days === 1) return `明天 ${time}`
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${time}`
}

/** The SMS button while a wait runs: `59秒后重新获取` within a minute, `10:37后可重新获取` beyond it. */
export function resendLabel (seconds: number, now: number = Date.now()): string {
  if (seconds <= 60) return `${seconds}秒后重新获取`
  return `${chinaClockAt(now + seconds * 1000, now)}后可重新获取`
}
