// The one way a screen says it has nothing to show yet: a mark, a title that says the truth in a few words (请先登录,
// 没有找到这笔记录, 暂时无法显示), the sentence saying why, then what the person can do. A section heading, so a
// screen reader lands on it; our own view, not NutUI's Empty (whose picture comes from a third-party CDN and whose
// text sat flush on its button).
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { heading } from './a11y'

interface LoadFailedProps {
  message: string
  /** A few words that name the state; the default fits a failure nobody caused. */
  title?: string
  /** The mark drawn above (decorative): ! for a failure, ? for something not found, a lock for a login. */
  mark?: string
  className?: string
  children?: ReactNode
}

export default function LoadFailed ({ message, title = '暂时无法显示', mark = '!', className, children }: LoadFailedProps) {
  return (
    <View className={className ? `load-failed ${className}` : 'load-failed'}>
      <View className='empty-mark' aria-hidden='true'>{mark}</View>
      <Text className='load-failed-title' {...heading(2)}>{title}</Text>
      {message ? <Text className='load-failed-message'>{message}</Text> : null}
      {children ? <View className='load-failed-actions'>{children}</View> : null}
    </View>
  )
}
