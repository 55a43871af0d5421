// H5 and Alipay: one page of 消费记录 rows as Taro views, the same markup and classes as WeChat's native
// `spending-chunk`; a page outside the window draws nothing (the list keeps its height with spacers).
import { memo } from 'react'
import { Text, View } from '@tarojs/components'
import type { SpendingRow } from '../stores/spending-store'
import './SpendingChunk.scss'

interface SpendingChunkProps {
  rows: readonly SpendingRow[]
  visible: boolean
  onOpen: (id: number) => void
}

function SpendingChunk ({ rows, visible, onOpen }: SpendingChunkProps) {
  if (!visible) return null
  return (
    <>
      {rows.map((row) => (
        <View key={row.id} className={`row ${row.cls}`} data-id={row.id} onClick={() => onOpen(row.id)}>
          <View className='row-line'><Text className='inst'>{row.inst}</Text><Text className='total'>{row.total}</Text></View>
          <View className='row-line'>
            <Text className='time'>{row.time} · {row.type}</Text>
            {row.tag ? <Text className={`tag ${row.tagCls}`}>{row.tag}</Text> : null}
          </View>
          <Text className='pay'>{row.pay}</Text>
        </View>
      ))}
    </>
  )
}

export default memo(SpendingChunk)
