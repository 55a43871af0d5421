// An account list with nothing to show, and why it may be empty: the filters, or records that have not arrived yet.
import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'
import Button from '../../../components/Button'

interface ListEmptyProps {
  title: string
  /** One sentence each: what may explain the empty list. */
  reasons: string[]
  /** Shown as a button when filters are active. */
  onClearFilters?: () => void
}

export default function ListEmpty ({ title, reasons, onClearFilters }: ListEmptyProps) {
  return (
    <Empty className='list-empty' image={<View className='empty-mark'>0</View>} title={title} description={reasons.join('\n')}>
      {onClearFilters
        ? <Button className='clear-filters-btn' type='primary' fill='outline' onClick={onClearFilters}>清除筛选条件</Button>
        : null}
    </Empty>
  )
}
