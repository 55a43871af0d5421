// 我的消费和报销 on the hospital page: the person's own spending and claims at this institution this year, with links
// into 消费记录 and 报销进度 filtered to it. Before that, whatever step is due: 登录 (and back to this page), the
// separate consent to sensitive information, 实名绑定 or 验证身份. Nothing personal is read before those.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../stores/index'
import ConsentPanel from '../../../components/ConsentPanel'
import { button } from '../../../components/a11y'
import { toBind, toLogin, toVerify } from '../../../pages/account-page'
import type { HospitalStore } from '../stores/hospital-store'
import { clauses } from '../../../components/clauses'
import { SPENDING_PAGE, CLAIMS_PAGE } from '../../../routes'

interface MineSectionProps {
  store: HospitalStore
  /** The institution as the lists filter by it (its national code) and name it in their filter chip. */
  institution: { code: string, name: string }
  onRetry: () => void
}

function MineSection ({ store, institution, onRetry }: MineSectionProps) {
  const { session, consent } = rootStore
  const retryStatus = () => { void consent.loadStatus() }
  const filtered = (page: string) => `${page}?institution=${encodeURIComponent(institution.code)}&name=${encodeURIComponent(institution.name)}`

  if (!session.restored) return <Skeleton className='mine-skeleton' rows={2} animated />
  if (!session.signedIn) {
    return (
      <View className='mine-signed-out'>
        <Text className='mine-lead'>您今年在这里看病买药的花费和报销进度，登录后就能看到，只显示给您本人。</Text>
        <Button className='mine-login-btn' type='primary' size='large' block onClick={toLogin}>
          登录后查看我在这里的消费和报销
        </Button>
      </View>
    )
  }
  if (!consent.status) {
    if (!consent.statusError) return <Skeleton className='mine-skeleton' rows={2} animated />
    return (
      <View className='mine-problem'>
        <Text className='mine-lead'>{consent.statusError}</Text>
        <Button className='mine-retry-btn' type='primary' fill='outline' loading={consent.statusLoading} onClick={retryStatus}>重试</Button>
      </View>
    )
  }
  if (!consent.privacyAccepted) {
    return <Text className='mine-lead'>{consent.accountBlocked}</Text>
  }
  if (!consent.sensitiveAccepted) {
    return (
      <ConsentPanel
        document={consent.sensitiveDocument} loadError={consent.documentsError} declined={consent.sensitiveDeclined}
        saving={consent.saving} error={consent.error} onAgree={() => { void consent.agreeSensitive() }}
        onDecline={consent.declineSensitive} onReconsider={consent.reconsiderSensitive} onRetry={() => { void consent.loadDocuments() }}
      />
    )
  }

  const error = store.mineError
  if (error) {
    const action = error.code === 'binding_required'
      ? <Button className='bind-entry-btn' type='primary' onClick={toBind}>去实名绑定</Button>
      : error.code === 'verification_required'
        ? <Button className='verify-btn' type='primary' onClick={toVerify}>验证身份后查看</Button>
        : <Button className='mine-retry-btn' type='primary' fill='outline' loading={store.mineLoading} onClick={onRetry}>重试</Button>
    return (
      <View className='mine-problem'>
        <Text className='mine-lead'>{error.message}</Text>
        {action}
      </View>
    )
  }

  const view = store.mineView
  if (!view) return <Skeleton className='mine-skeleton' rows={3} animated />
  const open = (page: string) => () => { void Taro.navigateTo({ url: filtered(page) }) }
  const row = (cls: string, title: string, line: string, detail: string, page: string, label: string) => (
    <View className={`mine-row ${cls}`} onClick={open(page)} {...button(open(page), `${title}：${line}，${detail}。${label}`)}>
      <View className='mine-row-main'>
        <Text className='mine-row-title'>{title}</Text>
        <Text className='mine-row-line amount-text'>{clauses(line)}</Text>
        <Text className='mine-row-detail amount-text'>{clauses(detail)}</Text>
      </View>
      <Text className='mine-row-more' aria-hidden='true'>{label} ›</Text>
    </View>
  )
  return (
    <View className='mine-figures'>
      {row('mine-spending', '我在这里的消费', view.spendingLine, view.spendingDetail, SPENDING_PAGE, '查看记录')}
      {row('mine-claims', '我在这里的报销', view.claimsLine, view.claimsDetail, CLAIMS_PAGE, '查看进度')}
      <Text className='mine-as-of'>{view.asOf}，最近 1 到 3 天的消费可能还没有同步</Text>
    </View>
  )
}

export default observer(MineSection)
