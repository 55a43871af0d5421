// 缴费记录: by year, then month, the amount credited to the personal account with the contribution base, the employer's
// and the person's parts and the paying unit under it, paid on time or made up later (补缴); the missing months (断缴)
// the server found, in the warning colour with what they mean and what to do; residents' payments by year; for a
// retiree the note that says why there are none. Filtered by time.
import { memo } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Skeleton, Tag } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { contributionsStore } from '../../stores'
import type { ContributionRow, GapRow, MonthRow, PremiumRow } from '../../stores/contributions-store'
import AccountGate from '../../../../pages/AccountGate'
import FilterBar from '../../components/FilterBar'
import ListEmpty from '../../components/ListEmpty'
import ListFooter from '../../components/ListFooter'
import { useListPage } from '../../list-page'
import { BALANCE_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

function Part ({ label, value, cls }: { label: string, value: string, cls: string }) {
  return (
    <View className={`contrib-part ${cls}`}>
      <Text className='part-label'>{label}</Text>
      <Text className='part-value amount-text'>{value}</Text>
    </View>
  )
}

// Rows stay shallow: the weapp build draws eight levels with its own templates (config baseLevel) and deeper ones
// through Taro's recursive `comp`, which costs more to render.
function MonthItem ({ row }: { row: MonthRow }) {
  return (
    <View className='contrib-row'>
      <View className='contrib-line'>
        <Text className='contrib-period'>{row.period}</Text>
        <Text className='contrib-main-amount amount-text'>{row.credited}</Text>
      </View>
      <View className='contrib-line contrib-line--meta'>
        <Tag className={`status-tag ${row.statusCls}`} round>{row.status}</Tag>
        <Text className='contrib-paid-at'>{row.paidAt}</Text>
        <Text className='contrib-main-label'>计入个人账户</Text>
      </View>
      <View className='contrib-parts'>
        <Part label='缴费基数' value={row.base} cls='part--base' />
        <Part label='单位缴纳' value={row.employer} cls='part--employer' />
        <Part label='个人缴纳' value={row.personal} cls='part--personal' />
      </View>
      <View className='contrib-unit'>
        <Text className='part-label'>缴费单位</Text>
        <Text className='contrib-unit-name'>{row.unit}</Text>
      </View>
    </View>
  )
}

function PremiumItem ({ row }: { row: PremiumRow }) {
  return (
    <View className='contrib-row contrib-row--year'>
      <View className='contrib-line'>
        <Text className='contrib-period'>{row.period}</Text>
        <Text className='contrib-main-amount amount-text'>{row.amount}</Text>
      </View>
      <View className='contrib-line contrib-line--meta'>
        <Tag className={`status-tag ${row.statusCls}`} round>{row.status}</Tag>
        <Text className='contrib-paid-at'>{row.paidAt}</Text>
        <Text className='contrib-main-label'>个人缴费</Text>
      </View>
      <View className='contrib-unit'>
        <Text className='part-label'>缴费方式</Text>
        <Text className='contrib-unit-name'>{row.unit}</Text>
      </View>
    </View>
  )
}

function GapItem ({ row }: { row: GapRow }) {
  return (
    <View className={`gap-row ${row.cls}`}>
      <View className='gap-head'>
        <Text className='gap-mark'>!</Text>
        <Text className='gap-title'>{row.title}</Text>
      </View>
      <Text className='gap-explanation'>{row.explanation}</Text>
    </View>
  )
}

function Row ({ row }: { row: ContributionRow }) {
  switch (row.kind) {
    case 'year': return <View className='year-heading'><Text className='year-heading-text'>{row.label}</Text></View>
    case 'month': return <MonthItem row={row} />
    case 'premium': return <PremiumItem row={row} />
    case 'gap': return <GapItem row={row} />
  }
}

/** One server page of rows: a page already shown is the same frozen array, so it is not drawn (or sent) again. */
const RowsOfPage = memo(function RowsOfPage ({ rows }: { rows: readonly ContributionRow[] }) {
  return <View className='contrib-chunk'>{rows.map((row) => <Row key={row.key} row={row} />)}</View>
})

function ContributionsPage () {
  const store = contributionsStore()
  const { list, filters } = store
  useListPage(store)

  let body
  if (store.retireeWithoutRecords && list.loaded) {
    body = (
      <View className='retiree-note'>
        <Text className='retiree-note-title'>这里没有缴费记录</Text>
        <Text className='retiree-note-text'>{store.retireeNote}</Text>
        <Button className='to-balance-btn' type='primary' fill='outline' onClick={() => { void Taro.navigateTo({ url: BALANCE_PAGE }) }}>查看账户余额</Button>
      </View>
    )
  } else if (list.loading || !list.loaded) {
    body = <Skeleton className='list-skeleton' rows={8} animated />
  } else if (list.empty) {
    body = <ListEmpty title={store.emptyTitle} reasons={store.emptyReasons} onClearFilters={filters.active ? filters.clearAll : undefined} />
  } else {
    body = (
      <>
        {list.pages.map((rows, i) => <RowsOfPage key={i} rows={rows} />)}
        <ListFooter loading={list.loadingMore} error={list.moreError} hasMore={list.hasMore} onRetry={() => { void list.loadMore() }} endText='已显示全部缴费记录' />
      </>
    )
  }

  const note = store.retireeWithoutRecords ? null : store.note
  return (
    <PageRoot className='contributions-page'>
      <AccountGate what='缴费记录' error={list.error} loading={list.loading} onRetry={() => { void store.load() }}>
        {store.retireeWithoutRecords ? null : <FilterBar filters={filters} firstYear={store.firstYear} />}
        {store.asOfLine && !store.retireeWithoutRecords ? <Text className='list-as-of'>{store.asOfLine}</Text> : null}
        {list.refreshError ? <Text className='page-notice refresh-error'>{list.refreshError}</Text> : null}
        {note && !list.empty ? <Text className='contrib-note'>{note}</Text> : null}
        {body}
      </AccountGate>
    </PageRoot>
  )
}

export default observer(ContributionsPage)
