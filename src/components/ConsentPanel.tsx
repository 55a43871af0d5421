// The separate consent for sensitive personal information (PIPL art. 29), shown before any account data: what is
// processed and why, that it can be withdrawn, the 12393 hotline, then 同意 / 暂不同意. It draws what it is given.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { ConsentDocument } from '../../types/api/consent'
import ConsentText from './ConsentText'
import Hotline from './Hotline'
import Button from './Button'
import { a11y, button, heading } from './a11y'
import './ConsentPanel.scss'

interface ConsentPanelProps {
  /** The text to show (its version is what 同意 agrees to); null while it loads. */
  document: ConsentDocument | null
  loadError: string | null
  /** The person chose 暂不同意. */
  declined: boolean
  saving: boolean
  /** Why the last 同意 did not go through, in words for the person. */
  error: string | null
  onAgree: () => void
  onDecline: () => void
  onReconsider: () => void
  onRetry: () => void
}

export default function ConsentPanel (p: ConsentPanelProps) {
  const [full, setFull] = useState(false)
  const doc = p.document
  const toggle = () => setFull(!full)

  if (p.declined) {
    return (
      <View className='consent-panel consent-panel-declined'>
        <Text className='consent-panel-title' {...heading(2)}>您暂未同意，我们不会读取您的医保信息</Text>
        <View className='consent-panel-lead'>
          <Text>
            不同意不影响您看病就医和按规定报销。您也可以到参保地医保经办窗口或打电话查询。以后想在这里查看时，点下面的按钮重新阅读授权说明即可。
          </Text>
          <Hotline className='consent-panel-hotline' />
        </View>
        <Button className='sensitive-reconsider-btn' type='primary' size='large' block onClick={p.onReconsider}>
          重新阅读授权说明
        </Button>
      </View>
    )
  }

  return (
    <View className='consent-panel'>
      <Text className='consent-panel-title' {...heading(2)}>查看医保信息前，请您单独授权</Text>
      <Text className='consent-panel-lead'>
        这些信息关系到您的财产和健康隐私，属于敏感个人信息。只有您同意后，我们才会读取，并且只显示给您本人。
      </Text>
      {doc
        ? (
          <>
            <ConsentText className='consent-panel-text' sections={full ? doc.sections : doc.summary} />
            <Text className='consent-toggle sensitive-full-toggle' {...button(toggle)} aria-expanded={full ? 'true' : 'false'} onClick={toggle}>
              {full ? '收起全文' : `查看${doc.title}全文`}
            </Text>
          </>
          )
        : p.loadError
          ? <Text className='consent-load-error'>{p.loadError}</Text>
          : <Skeleton className='consent-panel-skeleton' rows={4} animated />}
      {p.error ? <Text className='consent-panel-error' {...a11y('alert')}>{p.error}</Text> : null}
      <View className='consent-panel-actions'>
        {doc || !p.loadError
          ? (
            <Button
              className='sensitive-agree-btn' type='primary' size='large' block disabled={!doc} loading={p.saving}
              onClick={p.onAgree}
            >
              同意
            </Button>
            )
          : <Button className='sensitive-retry-btn' type='primary' size='large' block onClick={p.onRetry}>重试</Button>}
        <Button className='sensitive-decline-btn' fill='outline' size='large' block onClick={p.onDecline}>暂不同意</Button>
      </View>
    </View>
  )
}
