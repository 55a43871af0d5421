// The one way a screen says its data could not be shown: the server's sentence, then what the person can do.
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { Empty } from '@nutui/nutui-react-taro'

interface LoadFailedProps {
  message: string
  children?: ReactNode
}

export default function LoadFailed ({ message, children }: LoadFailedProps) {
  // A local mark instead of NutUI's default picture, which is fetched from a third-party CDN.
  return (
    <Empty className='load-failed' image={<View className='empty-mark'>!</View>} title='暂时无法显示' description={message}>
      {children}
    </Empty>
  )
}
