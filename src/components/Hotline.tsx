// 12393, the 医保 service hotline, as a link that calls it (the platform's call sheet; tel: in a browser). Used once
// per page, wherever the page names the number; texts that come from the server stay text.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y, pressable } from './a11y'
import './Hotline.scss'

export const HOTLINE = '12393'

function call () {
  void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)
}

/** The number, inline in a sentence; a screen reader hears what it does: 拨打医保服务热线 12393. */
export default function Hotline () {
  return (
    <Text className='hotline-link' {...a11y('link', `拨打医保服务热线 ${HOTLINE}`)} {...pressable(call)} onClick={call}>
      {HOTLINE}
    </Text>
  )
}
