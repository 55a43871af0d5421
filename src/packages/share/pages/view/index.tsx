// 家人查看 (?t=<token>): what a family member sees without any login — whose claim (masked name), its stage, the dated
// timeline with the steps still to come greyed, missing materials and the next step, amounts only if the owner allowed them, and until when the link
// works. A link that opens nothing gets one kind page. Nothing here leads to the owner's other data or to a login.
import { useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { TONE_TAG_TYPES } from '../../../../stores/claim-stages'
import { share } from '../../../../platform/share'
import LoadFailed from '../../../../components/LoadFailed'
import ClaimTimeline from '../../../../components/ClaimTimeline'
import { ClaimAmounts, ClaimCard, ClaimMaterials, ClaimNextStep, ClaimStatus } from '../../../../components/ClaimProgress'
import { shareViewStore } from '../../stores/wiring'
import { SHARE_INVALID, type FamilyView } from '../../stores/share-view-store'
import { a11y } from '../../../../components/a11y'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

function ShareViewPage () {
  const { params } = useRouter()
  const [store] = useState(() => shareViewStore(params.t))
  const undoCapture = useRef<(() => void) | null>(null)

  // Read when shown, again when the relative comes back after a minute or more: the stage may have moved on, and a
  // revoked or expired link must stop showing the claim (each read is one view in the owner's log).
  useDidShow(() => {
    void store.showAgain()
    undoCapture.current ??= share.hideFromCapture()
  })
  const showCapture = () => { undoCapture.current?.(); undoCapture.current = null }
  useDidHide(showCapture)
  useUnload(showCapture)
  usePullDownRefresh(() => {
    void store.load().finally(() => { void Taro.stopPullDownRefresh() })
  })

  const view = store.view
  let body
  if (store.state === 'invalid') {
    body = (
      <View className='share-invalid' {...a11y('status')}>
        <View className='empty-mark'>!</View>
        <Text className='share-invalid-title'>{SHARE_INVALID}</Text>
        <Text className='share-invalid-text'>为了保护家人的信息，分享的链接过一段时间就会失效，分享人也可以随时撤回。还想查看的话，请家人再分享一次。</Text>
      </View>
    )
  } else if (store.state === 'failed') {
    body = (
      <LoadFailed message={store.error ?? ''}>
        <Button className='share-retry-btn' type='primary' loading={store.loading} onClick={() => { void store.load() }}>重试</Button>
      </LoadFailed>
    )
  } else if (!view) {
    body = <Skeleton className='page-skeleton' rows={10} animated />
  } else {
    body = <Family view={view} refreshError={store.refreshError} />
  }

  return <PageRoot className='share-view-page'>{body}</PageRoot>
}

function Family ({ view, refreshError }: { view: FamilyView, refreshError: string | null }) {
  return (
    <>
      <Text className='family-owner' {...a11y('heading')} aria-level='1'>{view.owner}</Text>
      {refreshError ? <Text className='page-notice refresh-error'>{refreshError}</Text> : null}
      <ClaimStatus tone={view.tone} tagType={TONE_TAG_TYPES[view.tone]} stage={view.stage} final={view.final} title={view.title}>
        <Text className='claim-submitted'>{view.submitted}</Text>
        {view.institution ? <Text className='family-institution'>就诊机构：{view.institution}</Text> : null}
        {view.amounts
          ? <ClaimAmounts claimed={view.amounts.claimed} approved={view.amounts.approved} approvedSet={view.amounts.approvedSet} />
          : <Text className='family-no-amounts'>分享人未公开金额</Text>}
      </ClaimStatus>
      <ClaimNextStep tone={view.tone} final={view.final} text={view.next} />
      <ClaimMaterials materials={view.materials} />
      <ClaimCard className='family-timeline' title='办理记录'>
        <ClaimTimeline steps={view.steps} tone={view.tone} upcoming={view.upcoming} />
      </ClaimCard>

      <View className='family-footer'>
        <Text className='family-expires'>{view.expires}</Text>
        <Text className='family-footer-text'>这是家人分享给您的一笔报销进度，只能查看。有疑问可以直接问分享给您的家人。</Text>
      </View>
    </>
  )
}

export default observer(ShareViewPage)
