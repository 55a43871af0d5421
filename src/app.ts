// The app shell: NutUI's theme, the shared look, and reading back the stored session once at launch.
import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
// NutUI's theme CSS is not imported: every component variable has a fallback and app.scss sets ours.
import { rootStore } from './stores/index'
import { onNeedPrivacyAuthorization } from './platform/privacy'
import './app.scss'

function App ({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat holds a privacy API call until the person answers the app's own privacy dialog (no-op elsewhere).
    onNeedPrivacyAuthorization(rootStore.consent.platformAsks)
    void rootStore.session.restore()
  })
  return children
}

export default App
