// The app shell: NutUI's theme, the shared look, and reading back the stored session once at launch.
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import '@nutui/nutui-react-taro/dist/styles/themes/default.css'
import { rootStore } from './stores/index'
import './app.scss'

function App ({ children }: PropsWithChildren) {
  useLaunch(() => {
    void rootStore.session.restore()
  })
  return children
}

export default App
