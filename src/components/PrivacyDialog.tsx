// The privacy dialog: first run, a changed policy, or WeChat's own privacy prompt. The policy's main points, its
// full text on request, then 同意并继续 / 不同意. It draws what it is given; the page's store decides when it shows.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Skeleton } from '@nutui/nutui-react-taro'
import type { ConsentDocument } from '../../types/api/consent'
import ConsentText from './ConsentText'
import ModalDialog from './ModalDialog'
import Button from './Button'
import { button } from './a11y'
import './PrivacyDialog.scss'

/** The agree button's id: WeChat's resolve({ buttonId, event: 'agree' }) names the open-type button tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree-btn'

interface PrivacyDialogProps {
  visible: boolean
  /** The text to show (its version is what 同意 agrees to); null while it loads. */
  document: ConsentDocument | null
  loadError: string | null
  /** An older version was agreed before: say that the policy changed. */
  updated: boolean
  /** WeChat: 'agreePrivacyAuthorization', so that the platform itself counts the tap as agreement. */
  agreeOpenType?: 'agreePrivacyAuthorization'
  /** The tap (no id), and WeChat's agree event after it (with the button's id). */
  onAgree: (buttonId?: string) => void
  onDisagree: () => void
  onRetry: () => void
}

export default function PrivacyDialog (p: PrivacyDialogProps) {
  const [full, setFull] = useState(false)
  const doc = p.document
  const toggle = () => setFull(!full)
  const agree = () => p.onAgree()

  let content
  if (doc) {
    content = (
      <>
        <Text className='privacy-lead'>
          {p.updated
            ? `我们更新了${doc.title}，请您阅读后再继续使用。主要内容如下：`
            : `欢迎使用医保账户。为了向您本人显示医保信息，我们需要处理您的部分个人信息。请您阅读${doc.title}，主要内容如下：`}
        </Text>
        <ConsentText sections={full ? doc.sections : doc.summary} />
        <Text className='consent-toggle privacy-full-toggle' {...button(toggle)} aria-expanded={full ? 'true' : 'false'} onClick={toggle}>
          {full ? '收起全文' : `查看${doc.title}全文`}
        </Text>
      </>
    )
  } else if (p.loadError) {
    content = <Text className='consent-load-error'>{p.loadError}</Text>
  } else {
    content = <Skeleton className='privacy-skeleton' rows={4} animated />
  }

  return (
    <ModalDialog className='privacy-dialog' visible={p.visible} title={p.updated ? '隐私政策有更新' : '个人信息保护提示'}>
      {/* The text scrolls; the buttons under it stay in view, the full text open or not. The buttons sit right in
          the dialog's view, no wrapper: on WeChat a level deeper is past the page's template depth (baseLevel). */}
      <View className='privacy-dialog-body'>{content}</View>
      {doc
        ? (
          <Button
            id={PRIVACY_AGREE_BUTTON_ID} className='privacy-agree-btn' type='primary' size='large' block
            openType={p.agreeOpenType} onClick={agree}
            onAgreePrivacyAuthorization={() => p.onAgree(PRIVACY_AGREE_BUTTON_ID)}
          >
            同意并继续
          </Button>
          )
        : p.loadError
          ? <Button className='privacy-retry-btn' type='primary' size='large' block onClick={p.onRetry}>重试</Button>
          : null}
      <Button className='privacy-disagree-btn' fill='none' size='large' block onClick={p.onDisagree}>不同意</Button>
    </ModalDialog>
  )
}
