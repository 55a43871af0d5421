// 报销详情: one claim — its stage at the top, the amounts claimed and approved, the next step, the missing materials
// when some are needed, the dated timeline with the bureau's notes, the hospital and where the money goes (card
// masked); in WeChat, 有进度时提醒我 for a notice at the next stage change; 分享给家人 and 我的分享. Works as the first
// page opened (a notice opens it with ?id=…): it reads its own claim and offers the list from there.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { TONE_TAG_TYPES } from '../../stores/claims-store'
import { claimDetailStore } from '../../stores'
import AccountGate from '../../../../pages/AccountGate'
import LoadFailed from '../../../../components/LoadFailed'
import ClaimTimeline from '../../../../components/ClaimTimeline'
import { ClaimAmounts, ClaimCard, ClaimDeductions, ClaimMaterials, ClaimNextStep, ClaimStatus } from '../../../../components/ClaimProgress'
import { useAccountPage } from '../../../../pages/account-page'
import { CLAIMS_PAGE, MY_SHARES_PAGE, shareCreateUrl } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

const toMyShares = () => { void Taro.navigateTo({ url: MY_SHARES_PAGE }) }

/** Back to 报销进度 when it is the page below, else open it (this page came first, from a notice). */
const toClaims = () => {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && `/${below.route ?? ''}` === CLAIMS_PAGE) void Taro.navigateBack()
  else void Taro.navigateTo({ url: CLAIMS_PAGE })
}

function ClaimPage () {
  const { params } = useRouter()
  const store = claimDetailStore(params.id)
  const { session, consent } = rootStore
  // Opened from a notice, nothing lies below: the list is offered at the bottom.
  const [firstPage] = useState(() => Taro.getCurrentPages().length <= 1)

  useAccountPage()
  const may = session.signedIn && consent.mayShowAccount
  // Read afresh on every visit (the stage may have moved on since the list or the last visit).
  useEffect(() => { if (may) void store.load() }, [may, store, session.token, session.verifiedUntil])
  usePullDownRefresh(() => {
    void store.load().finally(() => { void Taro.stopPullDownRefresh() })
  })

  const view = store.view
  const notFound = store.error?.code === 'not_found'
  const subscribe = () => { void store.subscribe() }
  const share = () => { if (view) void Taro.navigateTo({ url: shareCreateUrl(view.id) }) }
  let body
  if (notFound) {
    body = (
      <LoadFailed title='没有找到这笔报销' mark='?' message={store.error?.message ?? ''}>
        <Button className='claims-list-btn' type='primary' onClick={toClaims}>查看全部报销进度</Button>
      </LoadFailed>
    )
  } else if (!view) {
    body = <Skeleton className='page-skeleton' rows={10} animated />
  } else {
    body = (
      <>
        {store.refreshError ? <Text className='page-notice refresh-error'>{store.refreshError}</Text> : null}
        <ClaimStatus tone={view.tone} tagType={TONE_TAG_TYPES[view.tone]} stage={view.stage} final={view.final} title={view.title}>
          <Text className='claim-submitted'>{view.submitted}提交</Text>
          <Text className='claim-no'>申请编号 {view.claimNo}</Text>
          <ClaimAmounts claimed={view.claimed} approved={view.approved} approvedSet={view.approvedSet} />
        </ClaimStatus>
        <ClaimDeductions title={view.deductionTitle} parts={view.deductions} />
        <ClaimNextStep tone={view.tone} final={view.final} text={view.next} />
        <ClaimMaterials materials={view.materials} note='请把以上材料交到参保地的医保经办机构；补齐后会重新进入初审。' />

        {store.subscribedText
          ? <Text className='subscribe-done'>{store.subscribedText}</Text>
          : null}
        {store.subscribeOffered
          ? (
            <View className='subscribe'>
              <Button className='subscribe-btn' type='primary' fill='outline' block loading={store.subscribing} onClick={subscribe}>
                有进度时提醒我
              </Button>
              <Text className='subscribe-hint'>办理进度有变化时，通过微信服务通知提醒您一次</Text>
            </View>
            )
          : null}
        {store.subscribeNotice
          ? <Text className={`page-notice subscribe-notice subscribe-notice--${store.subscribeNotice.tone}`}>{store.subscribeNotice.text}</Text>
          : null}

        <ClaimCard className='claim-timeline' title='办理记录'>
          <ClaimTimeline steps={view.steps} tone={view.tone} upcoming={view.upcoming} />
        </ClaimCard>

        <CellGroup className='claim-facts'>
          {/* A claim for care away from home or medicines bought outside has no 定点机构: the row is left out. */}
          {view.institution ? <Cell title='就诊机构' extra={<Text className='claim-institution'>{view.institution}</Text>} /> : null}
          <Cell
            title='收款账户'
            description={view.payout ? '报销款打到这个银行账户' : '请到医保经办机构登记'}
            extra={<Text className='claim-payout amount-text'>{view.payout ?? '尚未登记'}</Text>}
          />
        </CellGroup>

        <View className='claim-share'>
          <Button className='share-claim-btn' type='primary' fill='outline' block onClick={share}>
            分享给家人
          </Button>
          <Text className='claim-share-hint'>家人不用登录就能看到这笔报销的进度，您可以随时撤回</Text>
          <Button className='my-shares-link' fill='none' block onClick={toMyShares}>我的分享</Button>
        </View>

        {firstPage
          ? <Button className='claims-list-btn' fill='none' block onClick={toClaims}>查看全部报销进度</Button>
          : null}
      </>
    )
  }

  return (
    <PageRoot className='claim-page'>
      <AccountGate what='报销详情' error={notFound ? null : store.error} loading={store.loading} onRetry={() => { void store.load() }}>
        {body}
      </AccountGate>
    </PageRoot>
  )
}

export default observer(ClaimPage)
