// 首页's 扫一扫 in a browser, which has no camera scanner here: paste the link printed under a hospital's QR code (or
// one a family member sent) and open it. It draws what it is given; the page reads the link.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import Button from './Button'
import ModalDialog from './ModalDialog'
import { a11y, inputName } from './a11y'
import './PasteLinkDialog.scss'

interface PasteLinkDialogProps {
  visible: boolean
  /** Why the last link could not be opened, in words for the person. */
  error: string | null
  onOpen: (text: string) => void
  /** The link was edited: an old error no longer applies. */
  onEdit: () => void
  onClose: () => void
}

export default function PasteLinkDialog ({ visible, error, onOpen, onEdit, onClose }: PasteLinkDialogProps) {
  const [text, setText] = useState('')
  const open = () => { if (text.trim()) onOpen(text.trim()) }
  return (
    <ModalDialog className='paste-link-dialog' visible={visible} title='打开医院或家人的链接' onClose={onClose}>
      <View className='paste-link-body'>
        <Text className='paste-link-lead'>
          浏览器里不能扫码。您可以用手机相机扫描医院的二维码，或把二维码下方的网址、家人发给您的链接粘贴到这里。
        </Text>
        <Input
          className='paste-link-input' type='text' clearable placeholder='粘贴链接' value={text}
          onChange={(value) => { setText(value); onEdit() }} onConfirm={open} {...inputName('医院或家人的链接')}
        />
        {error ? <Text className='paste-link-error' {...a11y('alert')}>{error}</Text> : null}
        <View className='paste-link-actions'>
          <Button className='paste-link-open-btn' type='primary' size='large' block disabled={!text.trim()} onClick={open}>打开</Button>
          <Button className='paste-link-cancel-btn' fill='none' size='large' block onClick={onClose}>取消</Button>
        </View>
      </View>
    </ModalDialog>
  )
}
