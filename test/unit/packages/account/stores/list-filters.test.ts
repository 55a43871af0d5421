// ListFilters: each time range as China dates (whatever the device's zone), chips, one-tap clearing, and whether a
// range reaches records that may not have arrived yet.
import { ListFilters } from '../../../../../src/packages/account/stores/list-filters'

// 2026-11-24 23:30 in China is still 2026-11-24 15:30 UTC: the China calendar decides.
const NOW = Date.parse('2026-11-24T15:30:00Z')

describe('ListFilters', () => {
  it('turns each range into inclusive China dates; none for 全部时间', () => {
    const f = new ListFilters(() => NOW)
    expect(f.today).toBe('2026-11-24')
    expect(f.query).toEqual({})
    f.setRange({ kind: 'month' })
    expect(f.query).toEqual({ from: '2026-11-01', to: '2026-11-24' })
    f.setRange({ kind: 'year' })
    expect(f.query).toEqual({ from: '2026-01-01', to: '2026-11-24' })
    f.setRange({ kind: 'chosen-year', year: 2024 })
    expect(f.query).toEqual({ from: '2024-01-01', to: '2024-12-31' })
    f.setRange({ kind: 'chosen-year', year: 2026 })
    expect(f.query).toEqual({ from: '2026-01-01', to: '2026-11-24' })
    f.setCustomRange('2025-06-30', '2025-03-01')
    expect(f.query).toEqual({ from: '2025-03-01', to: '2025-06-30' })
    expect(f.rangeLabel).toBe('2025年3月1日至2025年6月30日')
  })

  it('shows each active filter as a chip, cleared one at a time or all at once', () => {
    const f = new ListFilters(() => NOW)
    expect(f.active).toBe(false)
    f.setRange({ kind: 'chosen-year', year: 2025 })
    f.setType({ value: 'pharmacy', label: '药店' })
    f.setInstitution({ value: 'P31010400001', label: '益寿堂大药房' })
    expect(f.chips).toEqual([
      { key: 'range', label: '2025年' }, { key: 'type', label: '药店' }, { key: 'institution', label: '益寿堂大药房' },
    ])
    expect(f.query).toEqual({ from: '2025-01-01', to: '2025-12-31', type: 'pharmacy', institution: 'P31010400001' })
    const before = f.key
    f.clear('type')
    expect(f.key).not.toBe(before)
    expect(f.chips.map((c) => c.key)).toEqual(['range', 'institution'])
    f.clearAll()
    expect(f.active).toBe(false)
    expect(f.query).toEqual({})
  })

  it('a range that ends within three days of 数据截至 (or has no end) may miss records still on their way', () => {
    const f = new ListFilters(() => NOW)
    const asOf = '2026-11-20T08:00:00+08:00'
    expect(f.reachesRecent(asOf)).toBe(true)
    f.setRange({ kind: 'month' })
    expect(f.reachesRecent(asOf)).toBe(true)
    f.setCustomRange('2026-11-01', '2026-11-17')
    expect(f.reachesRecent(asOf)).toBe(true)
    f.setCustomRange('2026-11-01', '2026-11-16')
    expect(f.reachesRecent(asOf)).toBe(false)
    f.setRange({ kind: 'chosen-year', year: 2024 })
    expect(f.reachesRecent(asOf)).toBe(false)
  })
})
