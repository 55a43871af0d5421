// Every page's outermost view: it carries `elder` while 长辈模式 is on, so that the theme variables app.scss
// redefines under `.elder` reach the whole page (and, on H5, what NutUI draws outside the page, from <html>). On H5
// it also lets a keyboard scroll the page: Taro scrolls each page inside its own container, which takes no focus.
import { useEffect, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../stores/index'

function PageRoot ({ className, children }: { className: string, children?: ReactNode }) {
  const elder = rootStore.display.elder
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.documentElement.classList.toggle('elder', elder)
  }, [elder])
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return
    for (const container of document.querySelectorAll('.taro_page:not([tabindex])')) {
      container.setAttribute('tabindex', '0')
      container.setAttribute('role', 'region')
      container.setAttribute('aria-label', '页面内容')
    }
  }, [])
  return <View className={elder ? `${className} elder` : className}>{children}</View>
}

export default observer(PageRoot)
