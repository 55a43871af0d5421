// What every account list page does: show the account gate's way (session, consents, verification), start its store
// once account data may be shown (again after a new session or a verification), reload on pull-down, and read the
// next page near the bottom.
import { useEffect } from 'react'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { rootStore } from '../../stores/index'
import { useAccountPage } from '../../pages/account-page'

export interface ListPageStore {
  /** Loads once (and whenever its filters change). */
  start (): void
  refresh (): Promise<unknown>
  loadMore (): Promise<unknown> | void
}

export function useListPage (store: ListPageStore): void {
  const { session, consent } = rootStore
  useAccountPage()
  const may = session.signedIn && consent.mayShowAccount
  useEffect(() => { if (may) store.start() }, [may, store, session.token, session.verifiedUntil])
  usePullDownRefresh(() => {
    void store.refresh().finally(() => { void Taro.stopPullDownRefresh() })
  })
  useReachBottom(() => { void store.loadMore() })
}
