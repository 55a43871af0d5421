// When a refused request may be tried again, in the words a person reads: a clock time in China (请在 10:37 后),
// never a count of seconds nobody can picture (请 2901 秒后). Every limit and lock that names a wait says it here.

/** China is UTC+8 all year: the fixed offset is exact, whatever zone the server runs in. */
const CHINA_OFFSET_MS = 8 * 3600_000
const MINUTE_MS = 60_000
const DAY_MS = 24 * 3600_000

/** Under this a count reads better than a clock ("请 40 秒后"): the person can simply wait. */
const SECONDS_SHOWN_BELOW = 60

const pad = (n: number) => String(n).padStart(2, '0')

/**
 * `10:37`, `明天 08:05` or `12月9日 10:37`: the China minute at or after `until`, so that nobody who tries at the
 * time said is refused again. The day is named once it is not today's in China.
 */
export function chinaClock (until: Date, now: Date): string {
  const at = new Date(Math.ceil(until.getTime() / MINUTE_MS) * MINUTE_MS + CHINA_OFFSET_MS)
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`
  const day = (d: Date) => Math.floor(d.getTime() / DAY_MS)
  const days = day(at) - day(new Date(now.getTime() + CHINA_OFFSET_MS))
  if (days <= 0) return time
  if (days === 1) return `明天 ${time}`
  return `${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${time}`
}

/** `请 40 秒后` under a minute, else `请在 10:37 后` / `请在明天 08:05 后` (see chinaClock): the sentence goes on with 再试 or the like. */
export function pleaseAfter (until: Date, now: Date): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000))
  if (seconds < SECONDS_SHOWN_BELOW) return `请 ${seconds} 秒后`
  const at = chinaClock(until, now)
  return `请在${at.startsWith('明天') ? '' : ' '}${at} 后`
}
