// 缴费记录: by year, each year with its total credited to the personal account and its months on one line each
// (month, amount, 补缴 where it applies); the paying unit and the contribution base said once at the top of the year
// and again only where they change; the missing months (断缴) the server found, in the warning colour with what they
// mean and what to do; residents' payments by year; for a retiree, what the account receives every month instead.
// Filtered by time.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Skeleton, Tag } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { contributionsStore } from '../../stores'
import type { GapRow, MonthRow, PremiumRow, TermsRow, YearGroup } from '../../stores/contributions-store'
import AccountGate from '../../../../pages/AccountGate'
import FilterBar from '../../components/FilterBar'
import ListEmpty from '../../components/ListEmpty'
import ListFooter from '../../components/ListFooter'
import { useListPage } from '../../list-page'
import { BALANCE_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import PageHeading from '../../../../components/PageHeading'
import AmountText from '../../../../components/AmountText'
import { button, heading } from '../../../../components/a11y'
import './index.scss'

const toBalance = () => { void Taro.navigateTo({ url: BALANCE_PAGE }) }

// Rows stay shallow: the weapp build draws eight levels with its own templates (config baseLevel) and deeper ones
// through Taro's recursive `comp`, which costs more to render.
function MonthLine ({ row }: { row: MonthRow }) {
  return (
    <View className={row.late ? 'month-line month-line--late' : 'month-line'}>
      <Text className='month-name'>{row.month}</Text>
      {row.late ? <Text className='month-late'>{row.paidAt}</Text> : <Text className='month-gap-filler' />}
      <Text className='month-amount amount-text'>{row.credited}</Text>
    </View>
  )
}

function Terms ({ row }: { row: TermsRow }) {
  return (
    <View className='terms-row'>
      {row.unit ? <Text className='terms-unit'>{row.unit}</Text> : null}
      <Text className='terms-text'>{row.terms}</Text>
    </View>
  )
}

function PremiumItem ({ row }: { row: PremiumRow }) {
  return (
    <View className='contrib-row contrib-row--year'>
      <View className='contrib-line'>
        <Text className='contrib-period' {...heading(2)}>{row.period}</Text>
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
        <Text className='gap-mark' aria-hidden='true'>!</Text>
        <Text className='gap-title'>{row.title}</Text>
      </View>
      <Text className='gap-explanation'>{row.explanation}</Text>
    </View>
  )
}

/**
 * A year: its title, then a card whose top line is the year's total (a tap folds the year to just that, and unfolds
 * it), then its months under the terms they share, gaps where they fall.
 */
function Year ({ group, folded, onToggle }: { group: YearGroup, folded: boolean, onToggle: (year: string) => void }) {
  const toggle = () => onToggle(group.year)
  return (
    <View className={folded ? 'year-group year-group--folded' : 'year-group'}>
      <Text className='year-title' {...heading(2)}>{group.title}</Text>
      <View className='year-card'>
        {/* Named by its content: the total as words for a screen reader (the drawn figures hidden from it), and 收起 / 展开. */}
        <View className='year-head' onClick={toggle} aria-expanded={folded ? 'false' : 'true'} {...button(toggle)}>
          <Text className='year-spoken'>{group.spoken}</Text>
          <Text className='year-total-note' aria-hidden='true'>{group.totalNote}</Text>
          <Text className='year-total amount-text' aria-hidden='true'>{group.total}</Text>
          <Text className='year-fold'>{folded ? '展开' : '收起'}</Text>
        </View>
        {folded
          ? null
          : group.rows.map((row) => (
            row.kind === 'terms'
              ? <Terms key={row.key} row={row} />
              : row.kind === 'gap' ? <GapItem key={row.key} row={row} /> : <MonthLine key={row.key} row={row} />
          ))}
      </View>
    </View>
  )
}

function ContributionsPage () {
  const store = contributionsStore()
  const { list, filters } = store
  useListPage(store)

  let body
  if (store.retireeWithoutRecords && list.loaded) {
    const credited = store.retireeCredited
    body = (
      <View className='retiree-note'>
        <Text className='retiree-note-title' {...heading(2)}>退休后不用再缴费</Text>
        <Text className='retiree-note-text'>{store.retireeNote}</Text>
        {credited
          ? (
            <View className='retiree-credited'>
              <Text className='retiree-credited-label'>{credited.text}</Text>
              <AmountText className='retiree-credited-amount' fen={credited.fen} spoken={credited.text} />
            </View>
            )
          : null}
        <Text className='retiree-note-text retiree-note-more'>每月划入的金额和用途，可以在账户余额里查看。</Text>
        <Button className='to-balance-btn' type='primary' fill='outline' onClick={toBalance}>查看账户余额</Button>
      </View>
    )
  } else if (list.loading || !list.loaded) {
    body = <Skeleton className='list-skeleton' rows={8} animated />
  } else if (list.empty) {
    body = <ListEmpty title={store.emptyTitle} reasons={store.emptyReasons} onClearFilters={filters.active ? filters.clearAll : undefined} />
  } else {
    body = (
      <>
        {store.monthly
          ? store.years.map((group) => <Year key={group.key} group={group} folded={store.folded.has(group.year)} onToggle={store.toggleYear} />)
          : list.pages.flat().map((row) => (row.kind === 'gap' ? <GapItem key={row.key} row={row} /> : row.kind === 'premium' ? <PremiumItem key={row.key} row={row} /> : null))}
        <ListFooter loading={list.loadingMore} error={list.moreError} hasMore={list.hasMore} onRetry={() => { void list.loadMore() }} endText='已显示全部缴费记录' />
      </>
    )
  }

  const note = store.retireeWithoutRecords ? null : store.note
  return (
    <PageRoot className='contributions-page'>
      <PageHeading title='缴费记录' />
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
