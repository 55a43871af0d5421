// The filters over an account list: time range (全部时间 / 本月 / 今年 / a chosen year / a custom range), and
// optionally a type and an institution. Each filter is one button of a fixed width that shows its value once and
// looks chosen when set (and says 已选); its sheet is a modal dialog. Under them, when a filter is set, what the
// filters select in all (the page's words) and 清除筛选.
import { useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { FilterChoice, ListFilters, RangeChoice } from '../stores/list-filters'
import { button } from '../../../components/a11y'
import Button from '../../../components/Button'
import FilterSheet, { useSheetId, type SheetOption } from './FilterSheet'
import CustomRange from './CustomRange'
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
  /** What the filters select in all (共 4 笔，合计 ¥…) and its words for a screen reader; shown while a filter is set. */
  summary?: { text: string, label: string } | null
}

type Sheet = 'range' | 'year' | 'custom' | 'type' | 'institution' | null
type FilterKind = 'range' | 'type' | 'institution'

const RANGE_OPTIONS = [
  { name: '全部时间', kind: 'all' }, { name: '本月', kind: 'month' }, { name: '今年', kind: 'year' },
  { name: '选择年份…', kind: 'chosen-year' }, { name: '自定义时间段…', kind: 'custom' },
] as const
type RangeKind = (typeof RANGE_OPTIONS)[number]['kind']

/** What each filter is called on its button and to a screen reader. */
const NAMES: Record<FilterKind, string> = { range: '时间', type: '类型', institution: '机构' }

function FilterBar ({ filters, type, institution: offered, firstYear, summary }: FilterBarProps) {
  // A list that offers no institution filter may still be opened filtered to one (from a hospital's page): it shows
  // as a button like any other, whose sheet offers that one and 全部.
  const preset = filters.institution
  const institution = offered ?? (preset ? { allLabel: '全部医院和药店', title: '选择医院或药店', choices: [preset] } : undefined)
  const [sheet, setSheet] = useState<Sheet>(null)
  const bar = useSheetId()
  const thisYear = Number(filters.today.slice(0, 4))
  const years = useMemo(() => {
    const list: number[] = []
    for (let y = thisYear; y >= Math.min(firstYear, thisYear); y--) list.push(y)
    return list
  }, [thisYear, firstYear])
  const close = () => setSheet(null)
  const idOf = (kind: FilterKind) => `${bar}-${kind}`

  const filterButton = (kind: FilterKind, value: string, active: boolean, open: () => void) => {
    const name = `${NAMES[kind]}：${value}${active ? '，已选' : ''}`
    return (
      <Button
        id={idOf(kind)} className={`filter-btn filter-btn--${kind}${active ? ' filter-btn--active' : ''}`} fill='outline'
        label={name} aria-haspopup='dialog' onClick={open}
      >
        <Text className='filter-btn-text'>
          {kind === 'range' && value.includes('至')
            ? (
              <>
                <Text className='filter-btn-date'>{value.split('至')[0]}</Text>
                至
                <Text className='filter-btn-date'>{value.split('至')[1]}</Text>
              </>
              )
            : value}
        </Text>
        <Text className='filter-arrow' aria-hidden='true'>▾</Text>
      </Button>
    )
  }

  const choiceSheet = (key: 'type' | 'institution', filter: ChoiceFilter) => {
    const current = key === 'type' ? filters.type : filters.institution
    const options: Array<SheetOption<FilterChoice | null>> = [
      { key: '', label: filter.allLabel, selected: !current, value: null },
      ...filter.choices.map((c) => ({ key: c.value, label: c.label, selected: current?.value === c.value, value: c })),
    ]
    return (
      <FilterSheet
        visible={sheet === key} title={filter.title} className={`filter-sheet--${key}`} returnTo={idOf(key)}
        options={filter.choices.length ? options : []} emptyText={filter.emptyText}
        onSelect={(option) => {
          if (key === 'type') filters.setType(option.value)
          else filters.setInstitution(option.value)
          close()
        }}
        onCancel={close}
      />
    )
  }

  const rangeKind = filters.range.kind
  const rangeOptions: Array<SheetOption<RangeKind>> = RANGE_OPTIONS.map((o) => ({
    key: o.kind, label: o.kind === 'chosen-year' && rangeKind === 'chosen-year' ? filters.rangeLabel : o.name, selected: o.kind === rangeKind, value: o.kind,
  }))
  const chosenYear = filters.range.kind === 'chosen-year' ? filters.range.year : null
  const yearOptions: Array<SheetOption<number>> = years.map((y) => ({ key: String(y), label: `${y}年`, selected: y === chosenYear, value: y }))

  return (
    <View className='filter-bar'>
      <View className='filter-buttons'>
        {filterButton('range', filters.rangeLabel, rangeKind !== 'all', () => setSheet('range'))}
        {type ? filterButton('type', filters.type?.label ?? type.allLabel, Boolean(filters.type), () => { type.onOpen?.(); setSheet('type') }) : null}
        {institution
          ? filterButton('institution', filters.institution?.label ?? institution.allLabel, Boolean(filters.institution), () => { institution.onOpen?.(); setSheet('institution') })
          : null}
      </View>
      {filters.active
        ? (
          <View className='filter-summary'>
            {summary
              ? <View className='filter-summary-text'><Text aria-hidden='true'>{summary.text}</Text><Text className='sr-only'>{summary.label}</Text></View>
              : <View className='filter-summary-text' />}
            <View className='filter-clear-all' {...button(filters.clearAll)} onClick={filters.clearAll}><Text>清除筛选</Text></View>
          </View>
          )
        : null}

      <FilterSheet
        visible={sheet === 'range'} title='选择时间范围' className='filter-sheet--range' returnTo={idOf('range')} options={rangeOptions}
        onSelect={(option) => {
          if (option.value === 'chosen-year') setSheet('year')
          else if (option.value === 'custom') setSheet('custom')
          else { filters.setRange({ kind: option.value } as RangeChoice); close() }
        }}
        onCancel={close}
      />
      <FilterSheet
        visible={sheet === 'year'} title='选择年份' className='filter-sheet--year' returnTo={idOf('range')} options={yearOptions}
        onSelect={(option) => { filters.setRange({ kind: 'chosen-year', year: option.value }); close() }}
        onCancel={close}
      />
      <CustomRange
        visible={sheet === 'custom'} first={`${Math.min(firstYear, thisYear)}-01-01`} last={filters.today} returnTo={idOf('range')}
        onPick={(from, to) => { filters.setCustomRange(from, to); close() }} onCancel={close}
      />
      {type ? choiceSheet('type', type) : null}
      {institution ? choiceSheet('institution', institution) : null}
    </View>
  )
}

export default observer(FilterBar)
