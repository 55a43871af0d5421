// A custom time range on the mini-programs: two of NutUI's date wheels, 开始日期 then 结束日期, each inside a modal
// dialog named by its title (the wheels are what WeChat and Alipay users know; their screen readers read the
// columns). The browser has its own way (CustomRange.h5.tsx): wheels a keyboard cannot turn.
import { useMemo, useRef, useState } from 'react'
import { DatePicker } from '@nutui/nutui-react-taro'
import { PickerDialog } from './FilterSheet'

export interface CustomRangeProps {
  visible: boolean
  /** The first and the last day that may be chosen (YYYY-MM-DD, China dates). */
  first: string
  last: string
  /** The id of the control that opened it: it gets the focus back. */
  returnTo: string
  /** Two ISO dates (YYYY-MM-DD), in the order chosen. */
  onPick: (from: string, to: string) => void
  onCancel: () => void
}

const isoOf = (values: Array<string | number | null>) =>
  values.slice(0, 3).map((v, i) => String(v).padStart(i === 0 ? 4 : 2, '0')).join('-')

/** Noon China time of a date: the same calendar day in every zone the phone may be in. */
const noonOf = (iso: string) => new Date(`${iso}T12:00:00+08:00`)

export default function CustomRange ({ visible, first, last, returnTo, onPick, onCancel }: CustomRangeProps) {
  const earliest = useMemo(() => noonOf(first), [first])
  const today = useMemo(() => noonOf(last), [last])
  const [from, setFrom] = useState<string | null>(null)
  const step = visible ? (from ? 'to' : 'from') : null
  // NutUI's picker calls onClose after onConfirm too: a close that follows a confirmation is no cancel.
  const confirmed = useRef(false)
  const closed = () => {
    if (confirmed.current) { confirmed.current = false; return }
    setFrom(null)
    onCancel()
  }
  return (
    <>
      <PickerDialog visible={step === 'from'} title='选择开始日期' className='filter-date-dialog' returnTo={returnTo}>
        <DatePicker
          className='filter-date-picker filter-date-picker--from' visible title='选择开始日期' type='date' showChinese
          startDate={earliest} endDate={today} defaultValue={today}
          onConfirm={(_options, values) => { confirmed.current = true; setFrom(isoOf(values)) }} onClose={closed}
        />
      </PickerDialog>
      <PickerDialog visible={step === 'to'} title='选择结束日期' className='filter-date-dialog' returnTo={returnTo}>
        <DatePicker
          className='filter-date-picker filter-date-picker--to' visible title='选择结束日期' type='date' showChinese
          startDate={earliest} endDate={today} defaultValue={today}
          onConfirm={(_options, values) => { confirmed.current = true; setFrom(null); if (from) onPick(from, isoOf(values)) }}
          onClose={closed}
        />
      </PickerDialog>
    </>
  )
}
