// Every page's outermost view: it carries `elder` while 长辈模式 is on, so that the theme variables app.scss
// redefines under `.elder` reach the whole page (and, on H5, what NutUI draws outside the page, from <html>). On H5
// it also lets a keyboard scroll the page: Taro scrolls each page inside its own container, which takes no focus.
// Around what the page draws, its error boundary.
import { useEffect, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import ErrorBoundary from '../components/ErrorBoundary'
import { HOME_PAGE } from '../routes'
import { rootStore } from '../stores/index'

// A page that throws while drawing shows the boundary's words instead of a white screen, and the log hears of it.
const report = (error: unknown) => rootStore.reportPageError(error, Taro.getCurrentInstance().router?.path ?? '')
const home = () => { void Taro.reLaunch({ url: HOME_PAGE }) }

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
  return (
    <View className={elder ? `${className} elder` : className}>
      <ErrorBoundary onError={report} onHome={home}>{children}</ErrorBoundary>
    </View>
  )
}

export default observer(PageRoot)
