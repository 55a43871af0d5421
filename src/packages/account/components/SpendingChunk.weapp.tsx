// WeChat: one page of 消费记录 rows drawn by the native `spending-chunk` component (see its index.js for why).
import { memo } from 'react'
import type { SpendingRow } from '../stores/spending-store'

interface SpendingChunkProps {
  rows: readonly SpendingRow[]
  visible: boolean
  elder: boolean
  onOpen: (id: number) => void
}

function SpendingChunk ({ rows, visible, elder, onOpen }: SpendingChunkProps) {
  return <spending-chunk rows={rows} visible={visible} elder={elder} onOpen={(event) => onOpen(Number(event.detail.id))} />
}

export default memo(SpendingChunk)
