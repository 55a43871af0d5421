// 12393, the 医保 service hotline, as a link that calls it (the platform's call sheet; tel: in a browser): a row of
// its own under the sentence that mentions it, big enough to hit in 长辈模式. Used once per page; texts that come
// from the server stay text.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y, pressable } from './a11y'
import './Hotline.scss'

export const HOTLINE = '12393'

function call () {
  void Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)
}

export default function Hotline ({ className }: { className?: string }) {
  return (
    <View
      className={className ? `hotline-link ${className}` : 'hotline-link'}
      {...a11y('link', `拨打医保服务热线 ${HOTLINE}`)} {...pressable(call)} onClick={call}
    >
      <Text className='hotline-label'>拨打医保服务热线 </Text>
      <Text className='hotline-number'>{HOTLINE}</Text>
    </View>
  )
}
