// Following an entry the entry store decided on: a platform entry (launch, warm start) starts the page stack
// afresh at its page; a scan from 首页 puts its page on top, so Back returns to 首页.
import Taro from '@tarojs/taro'
import type { EntryRoute } from '../stores/entry-store'

export function followEntry (route: EntryRoute): void {
  if (route.how === 'relaunch') void Taro.reLaunch({ url: route.url })
  else void Taro.navigateTo({ url: route.url })
}
