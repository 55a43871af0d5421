// 消费记录: each settlement at a hospital or pharmacy (institution, type, time, total, how it was paid), filtered by
// time, type and institution; the 家庭共济缴费 paid for relatives above them; a tap opens the settlement's detail.
import { useCallback, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { spendingStore } from '../../stores'
import { formatAsOf } from '../../../../utils/date'
import AccountGate from '../../../../pages/AccountGate'
import FilterBar from '../../components/FilterBar'
import ListEmpty from '../../components/ListEmpty'
import ListFooter from '../../components/ListFooter'
import SpendingList from '../../components/SpendingList'
import { useInstitutionQuery, useListPage } from '../../list-page'
import { spendingDetailUrl } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import { rootStore } from '../../../../stores/index'
import { button, heading } from '../../../../components/a11y'
import './index.scss'

function SpendingPage () {
  const store = spendingStore()
  const { list, premiums, filters } = store
  // Opened from a hospital's page: filtered to it from the first load.
  useInstitutionQuery(filters)
  useListPage(store)
  // A quick second tap while the detail is opening would push it twice: one at a time until this page shows again.
  const opening = useRef(false)
  useDidShow(() => { opening.current = false })
  const open = useCallback((id: number) => {
    if (opening.current) return
    opening.current = true
    Taro.navigateTo({ url: spendingDetailUrl(id) }).catch(() => { opening.current = false })
  }, [])

  const more = () => { void list.loadMore() }
  const elder = rootStore.display.elder

  const asOf = list.answer?.asOf
  let body
  if (list.empty) {
    body = (
      <ListEmpty
        title={store.emptyTitle} reasons={store.emptyReasons}
        onClearFilters={filters.active ? filters.clearAll : undefined}
      />
    )
  } else {
    body = (
      <>
        <SpendingList pages={list.pages} elder={elder} onOpen={open} onNearEnd={store.nearEnd} />
        <ListFooter loading={list.loadingMore} error={list.moreError} hasMore={list.hasMore} onRetry={more} onMore={more} endText='已显示全部消费记录' />
      </>
    )
  }

  const premiumRows = store.premiumsApply ? premiums.pages.flat() : []
  const morePremiums = () => { void premiums.loadMore() }
  return (
    <PageRoot className='spending-page'>
      <Text className='sr-only' {...heading(1)}>消费记录</Text>
      <AccountGate what='消费记录' error={list.error} loading={list.loading} onRetry={() => { void store.loadAll() }}>
        <FilterBar
          filters={filters} firstYear={Number(filters.today.slice(0, 4)) - 9}
          type={{ allLabel: '全部类型', title: '选择就医类型', choices: store.typeChoices }}
          institution={{
            allLabel: '全部医院和药店', title: '选择医院或药店', choices: store.institutionChoices, onOpen: () => { void store.loadInstitutions() },
            emptyText: store.institutionsError ?? '正在读取您去过的医院和药店…',
          }}
          summary={store.totals}
        />
        {/* Nothing above the rows may arrive after them (the as-of line, 家庭共济缴费 from their own request): they would
            push the rows down as the person starts to read (a layout shift of 0.15). Until both answers are in, the
            skeleton stands alone; then everything appears at once, below the filters. */}
        {store.ready
          ? (
            <>
            {asOf ? <Text className='list-as-of'>{formatAsOf(asOf)}，最近 1 到 3 天的消费可能还没有同步</Text> : null}
            {list.refreshError ? <Text className='page-notice refresh-error'>{list.refreshError}</Text> : null}
            {premiumRows.length
              ? (
                <View className='premiums'>
                  <Text className='section-title' {...heading(2)}>家庭共济缴费</Text>
                  {premiumRows.map((row) => (
                    <View key={row.id} className='premium-row'>
                      <View className='premium-main'>
                        <Text className='premium-title'>{row.title}</Text>
                        <Text className='premium-meta'>{row.who} · {row.time}</Text>
                      </View>
                      <Text className='premium-amount amount-text' aria-hidden='true'>{row.amount}</Text>
                      <Text className='sr-only'>{row.spoken}</Text>
                    </View>
                  ))}
                  {premiums.hasMore || premiums.moreError
                    ? (
                      <Button className='premiums-more-btn' size='small' fill='none' loading={premiums.loadingMore} {...button(morePremiums)} onClick={morePremiums}>
                        {premiums.moreError ? `${premiums.moreError}，点此重试` : '查看更多家庭共济缴费'}
                      </Button>
                      )
                    : null}
                </View>
                )
              : null}
            {store.premiumsApply && premiums.error ? <Text className='page-notice premiums-error'>{premiums.error.message}</Text> : null}
            <View className='list-title-row'><Text className='section-title' {...heading(2)}>医院和药店的结算</Text></View>
            {body}
            </>
            )
          : <Skeleton className='list-skeleton' rows={8} animated />}
      </AccountGate>
    </PageRoot>
  )
}

export default observer(SpendingPage)
