// 报销进度: each claim with its stage, the amounts claimed and approved, and what happens next, newest first; filtered
// by submission time and stage; a tap opens the claim's detail (its timeline, missing materials, where the money goes).
import { memo, useCallback } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { claimsStore } from '../../stores'
import { TONE_TAG_TYPES, type ClaimRow } from '../../stores/claims-store'
import AccountGate from '../../../../pages/AccountGate'
import FilterBar from '../../components/FilterBar'
import ListEmpty from '../../components/ListEmpty'
import ListFooter from '../../components/ListFooter'
import { useInstitutionQuery, useListPage } from '../../list-page'
import { claimUrl } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import PageHeading from '../../../../components/PageHeading'
import { StageTag } from '../../../../components/ClaimProgress'
import { button } from '../../../../components/a11y'
import './index.scss'

interface ClaimRowsProps {
  rows: readonly ClaimRow[]
  onOpen: (id: number) => void
}

/** One server page of claims: a page already shown is never drawn again when the next one arrives. */
const ClaimRows = memo(function ClaimRows ({ rows, onOpen }: ClaimRowsProps) {
  return (
    <>
      {rows.map((row) => (
        <View
          key={row.id} className={`claim-row ${row.cls}`} data-id={row.id} onClick={() => onOpen(row.id)}
          {...button(() => onOpen(row.id))}
        >
          <View className='claim-row-head'>
            <Text className='claim-row-title'>{row.title}</Text>
            <StageTag className='claim-row-stage' tone={row.tone} tagType={TONE_TAG_TYPES[row.tone]} stage={row.stage} />
          </View>
          <View className='claim-row-amounts'>
            <Text className='claim-row-claimed amount-text'>{row.claimed}</Text>
            {row.approved ? <Text className='claim-row-approved amount-text'>{row.approved}</Text> : null}
          </View>
          <Text className='claim-row-meta'>{row.inst ? `${row.submitted} · ${row.inst}` : row.submitted}</Text>
          <Text className='claim-row-next'>{row.next}</Text>
          <Text className='claim-row-more'>查看详情 ›</Text>
        </View>
      ))}
    </>
  )
})

function ClaimsPage () {
  const store = claimsStore()
  const { list, filters } = store
  // Opened from a hospital's page: only the claims for treatment there, from the first load.
  useInstitutionQuery(filters)
  useListPage(store)
  const open = useCallback((id: number) => { void Taro.navigateTo({ url: claimUrl(id) }) }, [])

  let body
  if (list.loading || !list.loaded) {
    body = <Skeleton className='list-skeleton' rows={8} animated />
  } else if (list.empty) {
    body = filters.active
      ? (
        <ListEmpty
          title='没有符合条件的报销申请'
          reasons={['当前的筛选条件下没有报销申请，可以清除筛选条件后再看看。', '列表按提交申请的日期筛选。']}
          onClearFilters={filters.clearAll}
        />
        )
      : (
        <ListEmpty
          title='还没有报销申请'
          reasons={[
            '在定点医院和药店看病买药时，医保已经当场结算，不需要另外申请报销。',
            '自己先垫付的费用（如外地就医、急诊、外购药品），向医保经办机构申请报销后，办理进度会显示在这里。',
          ]}
        />
        )
  } else {
    body = (
      <View className='claim-list'>
        {list.pages.map((rows, i) => <ClaimRows key={i} rows={rows} onOpen={open} />)}
        <ListFooter loading={list.loadingMore} error={list.moreError} hasMore={list.hasMore} onRetry={() => { void list.loadMore() }} endText='已显示全部报销申请' />
      </View>
    )
  }

  return (
    <PageRoot className='claims-page'>
      <PageHeading title='报销进度' />
      <AccountGate what='报销进度' error={list.error} loading={list.loading} onRetry={() => { void store.load() }}>
        <FilterBar
          filters={filters} firstYear={Number(filters.today.slice(0, 4)) - 9}
          type={{ allLabel: '全部进度', title: '选择办理进度', choices: store.stageChoices }}
        />
        <Text className='list-as-of'>按提交日期从新到旧，点开一笔可看办理记录</Text>
        {list.refreshError ? <Text className='page-notice refresh-error'>{list.refreshError}</Text> : null}
        {body}
      </AccountGate>
    </PageRoot>
  )
}

export default observer(ClaimsPage)
