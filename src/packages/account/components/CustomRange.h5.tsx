// A custom time range in the browser: one dialog with two date fields, 开始日期 and 结束日期, each the browser's own
// date control with a visible label. A keyboard sets them (Tab from year to month to day, the arrow keys or digits
// change each) and a screen reader reads them, which NutUI's wheels allow neither. 确定 applies the range.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Button from '../../../components/Button'
import { a11y } from '../../../components/a11y'
import { SheetFrame, useSheetId } from './FilterSheet'
import type { CustomRangeProps } from './CustomRange'
import './CustomRange.scss'

type Field = 'from' | 'to'

/** The fields and answers: mounted at each opening, so each starts from this month, as the wheels start from today. */
function RangeFields ({ first, last, onPick, onCancel }: Omit<CustomRangeProps, 'visible' | 'returnTo'>) {
  const id = useSheetId()
  const [dates, setDates] = useState<Record<Field, string>>({ from: `${last.slice(0, 7)}-01`, to: last })
  const [error, setError] = useState<string | null>(null)

  const apply = () => {
    const outside = (d: string) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d < first || d > last
    if (outside(dates.from) || outside(dates.to)) {
      setError(`请选择 ${first.slice(0, 4)}年1月1日 到今天之间的日期`)
      return
    }
    onPick(dates.from, dates.to)
  }
  const field = (key: Field, label: string) => (
    <label className='custom-range-field' htmlFor={`${id}-${key}`}>
      <Text className='custom-range-label'>{label}</Text>
      <input
        id={`${id}-${key}`} className={`custom-range-input custom-range-input--${key}`} type='date' required
        min={first} max={last} value={dates[key]}
        onChange={(e) => { const value = e.currentTarget.value; setDates((d) => ({ ...d, [key]: value })); setError(null) }}
      />
    </label>
  )
  return (
    <View className='custom-range-body'>
      {field('from', '开始日期')}
      {field('to', '结束日期')}
      {error ? <Text className='custom-range-error' {...a11y('alert')}>{error}</Text> : null}
      <Button className='custom-range-ok' type='primary' size='large' block onClick={apply}>确定</Button>
      <Button className='custom-range-cancel' fill='outline' size='large' block onClick={onCancel}>取消</Button>
    </View>
  )
}

export default function CustomRange ({ visible, first, last, returnTo, onPick, onCancel }: CustomRangeProps) {
  return (
    <SheetFrame visible={visible} title='选择时间段' className='custom-range' onCancel={onCancel} returnTo={returnTo} cancel={false}>
      <RangeFields first={first} last={last} onPick={onPick} onCancel={onCancel} />
    </SheetFrame>
  )
}
