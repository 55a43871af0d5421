// Dates read the Chinese way in China time, on any machine zone; 今天/昨天 only within the week.
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
