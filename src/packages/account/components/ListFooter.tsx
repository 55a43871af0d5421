// The line under an account list: the next page on its way, why it could not be read (tap to retry), or that
// everything is shown. Nothing while the first page is the whole story of an empty list.
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'

interface ListFooterProps {
  loading: boolean
  error: string | null
  hasMore: boolean
  onRetry: () => void
  /** What the end of the list says (e.g. 已显示全部消费记录). */
  endText: string
}

export default function ListFooter ({ loading, error, hasMore, onRetry, endText }: ListFooterProps) {
  if (error) {
    return (
      <View className='list-footer list-footer--error'>
        <Text className='list-footer-text'>{error}</Text>
        <Button className='list-retry-btn' size='small' fill='outline' type='primary' onClick={onRetry}>重试</Button>
      </View>
    )
  }
  // One View > Text whose words change: on WeChat each state costs a few bytes of setData (NutUI's Loading icon
  // would send 1.9 KB of inline SVG with every page appended; bench:setdata).
  return (
    <View className='list-footer'>
      <Text className={loading ? 'list-footer-text list-footer-loading' : 'list-footer-text'}>{loading ? '正在加载…' : hasMore ? '上滑加载更多' : endText}</Text>
    </View>
  )
}
