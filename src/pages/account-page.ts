// What every page showing account data does: load it for each new session and after each verification, and open
// the verify page once when the server asks for a fresh identity check (navigateTo, so Back returns here), and keep
// the page out of screen recordings while it is shown.
import { useEffect, useRef } from 'react'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { hideFromCapture } from '../platform/capture'
import { rootStore } from '../stores/index'
import { LOGIN_PAGE, VERIFY_PAGE, BIND_PAGE } from '../routes'

export const toLogin = () => { void Taro.navigateTo({ url: LOGIN_PAGE }) }
export const toVerify = () => { void Taro.navigateTo({ url: VERIFY_PAGE }) }
export const toBind = () => { void Taro.navigateTo({ url: BIND_PAGE }) }

/** `refresh`: ask for the current figure every time (the page the person opened on purpose). */
export function useAccountPage ({ refresh = false }: { refresh?: boolean } = {}): void {
  const { session } = rootStore
  // Account data is kept out of screen recordings while the page is shown (WeChat; elsewhere nothing to ask).
  const undoCapture = useRef<(() => void) | null>(null)
  const showCapture = () => { undoCapture.current?.(); undoCapture.current = null }
  useDidShow(() => { undoCapture.current ??= hideFromCapture() })
  useDidHide(showCapture)
  useEffect(() => showCapture, [])
  useEffect(() => { void rootStore.showAccount({ refresh }) }, [session.token, session.verifiedUntil, refresh])
  useEffect(() => {
    if (session.verificationPrompt && session.takeVerificationPrompt()) toVerify()
  }, [session, session.verificationPrompt])
}
