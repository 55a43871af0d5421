// H5 and Alipay: one page of 消费记录 rows as Taro views, the same markup and classes as WeChat's native
// `spending-chunk`; a page outside the window draws nothing (the list keeps its height with spacers). Each row is a
// button named by date, place, kind and amount (the store prepares the words with the row).
import { memo } from 'react'
import { Text, View } from '@tarojs/components'
import type { SpendingRow } from '../stores/spending-store'
import { button } from '../../../components/a11y'
import './SpendingChunk.scss'

interface SpendingChunkProps {
  rows: readonly SpendingRow[]
  visible: boolean
  /** 长辈模式: taller rows (spending-row.json), a long name on two lines. */
  elder: boolean
  onOpen: (id: number) => void
}

function SpendingChunk ({ rows, visible, elder, onOpen }: SpendingChunkProps) {
  if (!visible) return null
  return (
    <>
      {rows.map((row) => (
        <View
          key={row.id} className={`row ${elder ? 'row--elder ' : ''}${row.cls}`} data-id={row.id}
          {...button(() => onOpen(row.id))} onClick={() => onOpen(row.id)}
        >
          {/* Named by its own words for a screen reader (the visible lines are for the eye: ¥ figures, a pay line). */}
          <Text className='sr-only'>{row.label}</Text>
          <View className='row-line row-line--top' aria-hidden='true'><Text className='inst'>{row.inst}</Text><Text className='total'>{row.total}</Text></View>
          <View className='row-line' aria-hidden='true'>
            <Text className='time'>{row.time} · {row.type}</Text>
            {row.tag ? <Text className={`tag ${row.tagCls}`}>{row.tag}</Text> : null}
          </View>
          <Text className='pay' aria-hidden='true'>{row.pay}</Text>
        </View>
      ))}
    </>
  )
}

export default memo(SpendingChunk)
