// Dates read the Chinese way in China time, on any machine zone; 今天/昨天 only within the week.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { formatAsOf, formatDate, formatDateTime, formatRelativeDay } from '../../../src/utils/date'

describe('date formatting', () => {
  const savedTz = process.env.TZ
  afterEach(() => { process.env.TZ = savedTz })

  it('formats a date the Chinese way', () => {
    expect(formatDate('2026-11-24T12:00:00+08:00')).toBe('2026年11月24日')
    expect(formatDateTime('2026-01-15T12:00:00+08:00')).toBe('2026年1月15日 星期四 12:00')
  })

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])('shows China time on a machine set to %s', (tz) => {
    process.env.TZ = tz
    // 00:30 in Beijing is still the previous day in UTC and in Los Angeles.
    expect(formatDate('2026-11-24T00:30:00+08:00')).toBe('2026年11月24日')
    expect(formatDate('2026-11-23T16:30:00Z')).toBe('2026年11月24日')
    expect(formatDateTime('2026-11-23T16:30:00Z')).toBe('2026年11月24日 星期二 00:30')
  })

  it('says 今天 and 昨天 by the China calendar day', () => {
    process.env.TZ = 'UTC'
    const now = '2026-11-24T09:00:00+08:00'
    expect(formatRelativeDay('2026-11-24T00:10:00+08:00', now)).toBe('今天')
    expect(formatRelativeDay('2026-11-23T23:50:00+08:00', now)).toBe('昨天')
    expect(formatRelativeDay('2026-11-22T12:00:00+08:00', now)).toBe('前天')
    expect(formatRelativeDay('2026-11-19T12:00:00+08:00', now)).toBe('5天前')
  })

  it('uses the full date beyond the last week and for the future', () => {
    const now = '2026-11-24T09:00:00+08:00'
    expect(formatRelativeDay('2026-11-17T12:00:00+08:00', now)).toBe('2026年11月17日')
    expect(formatRelativeDay('2026-11-25T12:00:00+08:00', now)).toBe('2026年11月25日')
  })

  it('writes 数据截至 with the time', () => {
    const now = '2026-11-24T09:00:00+08:00'
    expect(formatAsOf('2026-11-23T18:05:00+08:00', now)).toBe('数据截至 昨天 18:05')
    expect(formatAsOf('2026-01-15T12:00:00+08:00', now)).toBe('数据截至 2026年1月15日 星期四 12:00')
    expect(formatAsOf('2026-11-20T08:00:00+08:00', now)).toBe('数据截至 2026年11月20日 星期五 08:00')
    expect(formatAsOf('2026-11-22T08:00:00+08:00', now)).toBe('数据截至 2026年11月22日 星期日 08:00')
  })
})

describe('China time on a phone whose own zone has daylight saving', () => {
  // jest cannot change its own process's zone (TZ is read when the process starts), so the formatters run in a child
  // process under America/New_York and their answers are compared here with Intl's Asia/Shanghai calendar.
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  })
  function shanghai (ms: number) {
    const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]))
    const [y, m, d] = [Number(p.year), Number(p.month), Number(p.day)]
    return { y, m, d, weekday: p.weekday!, hm: `${p.hour}:${p.minute}`, dayNumber: Date.UTC(y, m - 1, d) / 86_400_000 }
  }
  function expected (at: number, now: number): string[] {
    const c = shanghai(at)
    const date = `${c.y}年${c.m}月${c.d}日`
    const dateTime = `${date} ${c.weekday} ${c.hm}`
    const days = shanghai(now).dayNumber - c.dayNumber
    const relative = days === 0 ? '今天' : days === 1 ? '昨天' : days === 2 ? '前天' : days > 2 && days < 7 ? `${days}天前` : date
    const asOf = relative === '今天' || relative === '昨天' ? `数据截至 ${relative} ${c.hm}` : `数据截至 ${dateTime}`
    const iso = `${c.y}-${String(c.m).padStart(2, '0')}-${String(c.d).padStart(2, '0')}`
    return [date, dateTime, `${date} ${c.hm}`, iso, relative, asOf, String(c.dayNumber - Date.UTC(2026, 0, 1) / 86_400_000)]
  }

  /** A small seeded generator (mulberry32), so that a failure names instants that can be tried again. */
  function random (seed: number): () => number {
    return () => {
      seed = (seed + 0x6D2B79F5) | 0
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296
    }
  }

  it('gives Asia/Shanghai\'s date, weekday, time and day labels for 20,000 random instants of 2020–2030 and every US clock change', () => {
    const next = random(20261207)
    const from = Date.UTC(2020, 0, 1); const to = Date.UTC(2031, 0, 1)
    const cases: [number, number][] = []
    const withNow = (at: number) => cases.push([at, at + Math.floor(next() * 9 * 86_400_000)])
    for (let i = 0; i < 20_000; i++) withNow(from + Math.floor(next() * (to - from)))
    // The US clocks change at 02:00 local on the second Sunday of March and the first Sunday of November: every
    // quarter hour from a day before to a day after each change, 2020–2030.
    for (let year = 2020; year <= 2030; year++) {
      const sunday = (month: number, nth: number) => {
        const first = new Date(Date.UTC(year, month, 1)).getUTCDay()
        return Date.UTC(year, month, 1 + ((7 - first) % 7) + 7 * (nth - 1))
      }
      for (const change of [sunday(2, 2) + 7 * 3600_000, sunday(10, 1) + 6 * 3600_000]) {
        for (let at = change - 26 * 3600_000; at <= change + 26 * 3600_000; at += 15 * 60_000) withNow(at)
      }
    }

    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'date-in-zone.ts')], {
      input: JSON.stringify(cases), encoding: 'utf8', maxBuffer: 64 << 20,
      env: { ...process.env, NODE_OPTIONS: '', TZ: 'America/New_York' },
    })
    expect(child.stderr).toBe('')
    const { offsets, out } = JSON.parse(child.stdout) as { offsets: number[], out: string[][] }
    // The child really ran in a zone with daylight saving: EST in January, EDT in July.
    expect(offsets).toEqual([300, 240])
    const wrong = cases.map(([at, now], i) => ({ at: new Date(at).toISOString(), now: new Date(now).toISOString(), got: out[i], want: expected(at, now) }))
      .filter((c) => JSON.stringify(c.got) !== JSON.stringify(c.want))
    expect(out).toHaveLength(cases.length)
    expect({ wrong: wrong.length, first: wrong.slice(0, 3) }).toEqual({ wrong: 0, first: [] })
  })
})
