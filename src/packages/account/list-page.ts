// What every account list page does: show the account gate's way (session, consents, verification), start its store
// once account data may be shown (again after a new session or a verification), reload on pull-down, and read the
// next page near the bottom.
import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { rootStore } from '../../stores/index'
import type { ListFilters } from './stores/list-filters'
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

/** An institution code as the lists take it (InstitutionCode in types/api/spending.ts). */
const INSTITUTION_CODE = /^[A-Z][0-9A-Z]{5,31}$/

function decoded (text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A list opened from a hospital's page (`?institution=<national code>&name=<its name>`) starts filtered to that
 * institution: the filter is set before the first load, and clears like any other (its sheet, or 清除筛选).
 */
export function presetInstitution (filters: ListFilters, params: Partial<Record<string, string>>): void {
  const code = params.institution
  if (!code || !INSTITUTION_CODE.test(code)) return
  const name = params.name ? decoded(params.name).trim().slice(0, 40) : ''
  filters.setInstitution({ value: code, label: name || code })
}

/** The page's `institution` query, applied once when the page first draws. */
export function useInstitutionQuery (filters: ListFilters): void {
  const { params } = useRouter()
  useState(() => presetInstitution(filters, params))
}
