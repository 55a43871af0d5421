// The app shell: NutUI's theme, the shared look, reading back the stored session and 长辈模式 once at launch, and following how
// the person arrived (a hospital's QR code, a share card, another app) at launch and at every show.
import type { PropsWithChildren } from 'react'
import { useDidShow, useLaunch } from '@tarojs/taro'
// NutUI's theme CSS is not imported: every component variable has a fallback and app.scss sets ours.
import { rootStore } from './stores/index'
import { onNeedPrivacyAuthorization } from './platform/privacy'
import { readEntry, whenRoutable } from './platform/entry'
import type { EnterOptions } from './platform/entry-parse'
import { followEntry } from './pages/entry-route'
import './app.scss'

/** The current entry (a warm start from a new scan brings new options); routed once, when it names another page. */
function arrive (options: unknown): void {
  const route = rootStore.entry.arrive(readEntry(options as EnterOptions | undefined))
  if (route) whenRoutable(() => followEntry(route))
}

function App ({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // WeChat holds a privacy API call until the person answers the app's own privacy dialog (no-op elsewhere).
    onNeedPrivacyAuthorization(rootStore.consent.platformAsks)
    void rootStore.session.restore()
    void rootStore.display.restore()
    arrive(options)
  })
  useDidShow((options) => arrive(options))
  return children
}

export default App
