// The filters over an account list: time range (全部时间 / 本月 / 今年 / a chosen year / a custom range, with NutUI
// pickers), and optionally a type and an institution; below them the active filters as chips, each cleared in one
// tap, and 清除全部.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { ActionSheet, Button, DatePicker, Picker, Tag } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { FilterChoice, ListFilters } from '../stores/list-filters'
import './FilterBar.scss'

interface ChoiceFilter {
  /** The button's label when nothing is chosen (全部类型). */
  allLabel: string
  title: string
  choices: FilterChoice[]
  /** Called when the sheet opens (the institutions are read then). */
  onOpen?: () => void
  /** Why there are no choices yet (still loading, or the sentence of a failure). */
  emptyText?: string
}

interface FilterBarProps {
  filters: ListFilters
  type?: ChoiceFilter
  institution?: ChoiceFilter
  /** The first year the range picker offers (the list's oldest records). */
  firstYear: number
}

type Sheet = 'range' | 'year' | 'from' | 'to' | 'type' | 'institution' | null

const RANGE_OPTIONS = [
  { name: '全部时间', kind: 'all' }, { name: '本月', kind: 'month' }, { name: '今年', kind: 'year' },
  { name: '选择年份…', kind: 'chosen-year' }, { name: '自定义时间段…', kind: 'custom' },
] as const

const isoOf = (values: Array<string | number | null>) =>
  values.slice(0, 3).map((v, i) => String(v).padStart(i === 0 ? 4 : 2, '0')).join('-')

function FilterBar ({ filters, type, institution, firstYear }: FilterBarProps) {
  const [sheet, setSheet] = useState<Sheet>(null)
  const [customFrom, setCustomFrom] = useState<string | null>(null)
  const thisYear = Number(filters.today.slice(0, 4))
  const years = useMemo(() => {
    const list = []
    for (let y = thisYear; y >= Math.min(firstYear, thisYear); y--) list.push({ label: `${y}年`, value: y })
    return list
  }, [thisYear, firstYear])
  const today = useMemo(() => new Date(`${filters.today}T12:00:00+08:00`), [filters.today])
  const earliest = useMemo(() => new Date(`${Math.min(firstYear, thisYear)}-01-01T12:00:00+08:00`), [firstYear, thisYear])
  const close = () => setSheet(null)

  const choiceSheet = (key: 'type' | 'institution', filter: ChoiceFilter) => (
    <ActionSheet
      className={`filter-sheet filter-sheet--${key}`} visible={sheet === key} title={filter.title} cancelText='取消'
      description={filter.choices.length ? undefined : filter.emptyText}
      options={[{ name: filter.allLabel, value: '' }, ...filter.choices.map((c) => ({ name: c.label, value: c.value }))]}
      onSelect={(option) => {
        const value = String(option.value ?? '')
        const choice = value ? { value, label: String(option.name) } : null
        if (key === 'type') filters.setType(choice)
        else filters.setInstitution(choice)
        close()
      }}
      onCancel={close}
    />
  )

  return (
    <View className='filter-bar'>
      <View className='filter-buttons'>
        <Button className='filter-btn filter-btn--range' size='small' fill='outline' onClick={() => setSheet('range')}>{filters.rangeLabel}<Text className='filter-arrow'>▾</Text></Button>
        {type
          ? <Button className='filter-btn filter-btn--type' size='small' fill='outline' onClick={() => { type.onOpen?.(); setSheet('type') }}>{filters.type?.label ?? type.allLabel}<Text className='filter-arrow'>▾</Text></Button>
          : null}
        {institution
          ? (
            <Button className='filter-btn filter-btn--institution' size='small' fill='outline' onClick={() => { institution.onOpen?.(); setSheet('institution') }}>
              <Text className='filter-btn-text'>{filters.institution?.label ?? institution.allLabel}</Text><Text className='filter-arrow'>▾</Text>
            </Button>
            )
          : null}
      </View>
      {filters.active
        ? (
          <View className='filter-chips'>
            {filters.chips.map((chip) => (
              // The whole chip clears its filter (NutUI's own close icon is 8 px: too small a target).
              <Tag
                key={chip.key} className={`filter-chip filter-chip--${chip.key}`} type='primary' plain round closeable
                closeIcon={<Text className='filter-chip-x'>×</Text>} onClick={() => filters.clear(chip.key)} onClose={() => filters.clear(chip.key)}
              >
                {chip.label}
              </Tag>
            ))}
            <Text className='filter-clear-all' onClick={filters.clearAll}>清除全部</Text>
          </View>
          )
        : null}

      <ActionSheet
        className='filter-sheet filter-sheet--range' visible={sheet === 'range'} title='选择时间范围' cancelText='取消'
        options={RANGE_OPTIONS.map((o) => ({ name: o.name, kind: o.kind }))}
        onSelect={(option) => {
          const kind = option.kind as (typeof RANGE_OPTIONS)[number]['kind']
          if (kind === 'chosen-year') setSheet('year')
          else if (kind === 'custom') setSheet('from')
          else { filters.setRange({ kind }); close() }
        }}
        // NutUI closes the sheet after a choice through onCancel too: only close what is still this sheet, or the
        // year picker / date picker just opened would be shut at once.
        onCancel={() => setSheet((s) => (s === 'range' ? null : s))}
      />
      <Picker
        className='filter-year-picker' visible={sheet === 'year'} title='选择年份' options={[years]}
        defaultValue={[filters.range.kind === 'chosen-year' ? filters.range.year : thisYear]}
        onConfirm={(_options, values) => { filters.setRange({ kind: 'chosen-year', year: Number(values[0]) }); close() }}
        onClose={() => setSheet((s) => (s === 'year' ? null : s))}
      />
      <DatePicker
        className='filter-date-picker filter-date-picker--from' visible={sheet === 'from'} title='选择开始日期' type='date' showChinese
        startDate={earliest} endDate={today} defaultValue={today}
        onConfirm={(_options, values) => { setCustomFrom(isoOf(values)); setSheet('to') }}
        onClose={() => setSheet((s) => (s === 'from' ? null : s))}
      />
      <DatePicker
        className='filter-date-picker filter-date-picker--to' visible={sheet === 'to'} title='选择结束日期' type='date' showChinese
        startDate={earliest} endDate={today} defaultValue={today}
        onConfirm={(_options, values) => { if (customFrom) filters.setCustomRange(customFrom, isoOf(values)); close() }}
        onClose={() => setSheet((s) => (s === 'to' ? null : s))}
      />
      {type ? choiceSheet('type', type) : null}
      {institution ? choiceSheet('institution', institution) : null}
    </View>
  )
}

export default observer(FilterBar)
