// The line under an account list: a 加载更多 button while there is more (the next page also comes by itself near the
// bottom), the next page on its way, why it could not be read (tap to retry), or that everything is shown.
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { button } from '../../../components/a11y'

interface ListFooterProps {
  loading: boolean
  error: string | null
  hasMore: boolean
  onRetry: () => void
  /** The next page on a tap (a person who cannot scroll, a screen reader); the retry when not given. */
  onMore?: () => void
  /** What the end of the list says (e.g. 已显示全部消费记录). */
  endText: string
}

export default function ListFooter ({ loading, error, hasMore, onRetry, onMore = onRetry, endText }: ListFooterProps) {
  if (error) {
    return (
      <View className='list-footer list-footer--error' aria-live='polite'>
        <Text className='list-footer-text'>{error}</Text>
        <Button className='list-retry-btn' size='small' fill='outline' type='primary' {...button(onRetry)} onClick={onRetry}>重试</Button>
      </View>
    )
  }
  // A View and a Text, no NutUI Button: on WeChat each state costs a few bytes of setData (NutUI's Loading icon
  // would send 1.9 KB of inline SVG with every page appended; bench:setdata).
  return (
    <View className='list-footer' aria-live='polite'>
      {hasMore && !loading
        ? <View className='list-more-btn' {...button(onMore)} onClick={onMore}><Text className='list-more-text'>加载更多</Text></View>
        : <Text className={loading ? 'list-footer-text list-footer-loading' : 'list-footer-text list-footer-end'}>{loading ? '正在加载…' : endText}</Text>}
    </View>
  )
}
