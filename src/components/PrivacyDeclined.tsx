// What a page says while the privacy policy is not agreed: login stays closed, kindly, with the way to read it.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import Button from './Button'
import { heading } from './a11y'
import './PrivacyDeclined.scss'

interface PrivacyDeclinedProps {
  /** The person chose 不同意 (otherwise the dialog is still open, or about to be). */
  declined: boolean
  onRead: () => void
  /** Another way on, under the read button (e.g. 返回首页). */
  children?: ReactNode
}

export default function PrivacyDeclined ({ declined, onRead, children }: PrivacyDeclinedProps) {
  return (
    <View className='privacy-declined'>
      <Text className='privacy-declined-title' {...heading(2)}>{declined ? '您暂未同意《隐私政策》' : '登录前，请先阅读《隐私政策》'}</Text>
      <Text className='privacy-declined-text'>
        {declined
          ? '没有您的同意，我们不会收集您的任何信息，所以暂时不能登录。您可以继续了解这个小程序能做什么；想查看自己的医保账户时，请先阅读并同意《隐私政策》。'
          : '《隐私政策》说明我们会处理您的哪些信息、怎样保护。阅读并同意后，就可以登录查看您的医保账户。'}
      </Text>
      <Button className='privacy-read-btn' type='primary' size='large' block onClick={onRead}>阅读《隐私政策》</Button>
      {children}
    </View>
  )
}
