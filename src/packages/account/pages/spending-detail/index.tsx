// 消费详情: one settlement (institution and region, type, time, the total, how it was paid, the relative it was paid
// for), why it looks unusual, its items (甲类 / 乙类 / 丙类), and 「不是我的消费」 with the disputes and their withdrawal.
// Opened from 消费记录 with ?id=, or as the first page (a shared or bookmarked link).
import { useEffect } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import { Skeleton, Tag } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import ModalDialog from '../../../../components/ModalDialog'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { CATEGORY_NOTE, NOTE_MAX, type DetailView } from '../../stores/spending-detail-store'
import { spendingDetailStore } from '../../stores'
import { useAccountPage } from '../../../../pages/account-page'
import AccountGate from '../../../../pages/AccountGate'
import LoadFailed from '../../../../components/LoadFailed'
import Hotline from '../../../../components/Hotline'
import { SPENDING_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import AmountText from '../../../../components/AmountText'
import { a11y, heading, inputName } from '../../../../components/a11y'
import './index.scss'

/** Back to 消费记录: the page below when there is one, else 消费记录 itself (this page was opened first). */
const toList = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.redirectTo({ url: SPENDING_PAGE })
}

const HOTLINE = '对这笔消费有疑问，也可以打电话问医保服务热线。'

/** A money line: the words (and a line under them) at the left, the amount at the right. */
function MoneyRow ({ cls, label, note, amount }: { cls: string, label: string, note: string | null, amount: string }) {
  return (
    <View className={`money-row ${cls}`}>
      <View className='money-words'>
        <Text className='money-label'>{label}</Text>
        {note ? <Text className='money-note'>{note}</Text> : null}
      </View>
      <Text className='money-amount pay-amount amount-text'>{amount}</Text>
    </View>
  )
}

function SpendingDetailPage () {
  const store = spendingDetailStore()
  const { session, consent } = rootStore
  const { params } = useRouter()
  useAccountPage()
  const may = session.signedIn && consent.mayShowAccount
  useEffect(() => { if (may) store.open(params.id) }, [may, store, params.id, session.token, session.verifiedUntil])
  usePullDownRefresh(() => { void store.refresh().finally(() => { void Taro.stopPullDownRefresh() }) })

  const view = store.view
  const notFound = store.error?.code === 'not_found'
  const submit = () => { void store.submitDispute() }
  const confirmWithdraw = () => { void store.confirmWithdraw() }
  let body
  if (notFound) {
    body = (
      <LoadFailed title='没有找到这笔记录' mark='?' message={store.error!.message}>
        <Button className='back-to-list-btn' type='primary' onClick={toList}>查看消费记录</Button>
      </LoadFailed>
    )
  } else if (!view) {
    body = <Skeleton className='page-skeleton' rows={8} animated />
  } else {
    const disputeFirst = view.anomalies.length > 0 || view.disputes.length > 0 || store.actionError != null
    const disputes = <DisputeSection view={view} />
    body = (
      <>
        <View className='detail-card'>
          <Text className='detail-inst' {...heading(1)}>{view.institution}</Text>
          {view.place ? <Text className='detail-place'>{view.place}</Text> : null}
          <View className='detail-meta'>
            <Tag className='visit-tag'>{view.type}</Tag>
            <Text className='detail-time'>{view.time}</Text>
          </View>
          <Text className='detail-total-label'>费用总额</Text>
          <AmountText className='detail-total' fen={view.totalFen} spoken='费用总额' />
          {view.beneficiary ? <Text className='detail-beneficiary'>{view.beneficiary}（家庭共济）</Text> : null}
        </View>

        {view.anomalies.length
          ? (
            <View className='anomaly-box'>
              <Text className='anomaly-title' {...heading(2)}>这笔消费有些不寻常，请您核对</Text>
              {view.anomalies.map((reason) => <Text key={reason} className='anomaly-reason'>{reason}</Text>)}
              <Text className='anomaly-hint'>
                {view.openDispute
                  ? '您已标记这笔消费不是您的，医保经办机构正在核实。'
                  : '如果是您本人或家人用医保结算的，无需处理；如果不是，请点下面的“不是我的消费”。'}
              </Text>
            </View>
            )
          : null}

        {disputeFirst ? disputes : null}

        <Text className='section-title' {...heading(2)}>支付方式</Text>
        <View className='money-group pay-group'>
          {view.payments.map((p) => <MoneyRow key={p.key} cls={`pay-cell pay-cell--${p.key}`} label={p.label} note={p.note} amount={p.amount} />)}
        </View>

        {view.burden.length
          ? (
            <>
              <Text className='section-title' {...heading(2)}>个人负担</Text>
              <View className='money-group burden-group'>
                {view.burden.map((p) => <MoneyRow key={p.key} cls={`burden-cell burden-cell--${p.key}`} label={p.label} note={p.note} amount={p.amount} />)}
              </View>
            </>
            )
          : null}

        <Text className='section-title' {...heading(2)}>结算明细（{view.items.length} 项）</Text>
        <View className='items'>
          {view.items.map((item) => (
            <View key={item.key} className='item-row'>
              <View className='item-head'>
                <Tag className={`cat-tag cat-tag--${item.category}`}>{item.categoryName}</Tag>
                <Text className='item-name'>{item.name}</Text>
                <Text className='item-amount amount-text'>{item.amount}</Text>
              </View>
              <View className='item-figures'>
                <Text className='item-qty'>数量 {item.quantity}</Text>
                {item.fundCovered ? <Text className={`item-fund amount-text${item.category === 'C' ? ' item-fund--none' : ''}`}>{item.fundCovered}</Text> : null}
              </View>
            </View>
          ))}
          {view.items.length ? null : <Text className='items-empty'>这笔结算没有明细。</Text>}
        </View>
        <Text className='category-note'>{CATEGORY_NOTE}</Text>

        {disputeFirst ? null : disputes}
      </>
    )
  }

  // The dialogs sit beside the page's view, not in it, and hold no wrappers of their own: a shallow tree.
  return (
    <>
      <PageRoot className='spending-detail-page'>
        <AccountGate what='消费详情' error={notFound ? null : store.error} loading={store.loading} onRetry={() => { void store.load() }}>
          {body}
        </AccountGate>
      </PageRoot>

      <ModalDialog
        className='dispute-dialog' visible={store.disputeVisible} title='标记为“不是我的消费”'
        onClose={store.submitting ? undefined : store.cancelDispute}
      >
        {view ? <Text className='dialog-lead'>{view.institution}</Text> : null}
        {view ? <Text className='dialog-time'>{view.time}，金额 {view.total}</Text> : null}
        <Text className='dialog-text'>标记后，医保经办机构会核实这笔消费，核实期间您无需再做什么。</Text>
        <Text className='dispute-note-label'>您知道的情况（选填）</Text>
        <Textarea
          className='dispute-note' value={store.note} maxlength={NOTE_MAX} autoHeight
          placeholder='如：那天我不在上海' onInput={(e) => store.setNote(e.detail.value)}
          {...inputName('您知道的情况（选填）')}
        />
        <Text className='dispute-note-count' aria-hidden='true'>{store.note.length}/{NOTE_MAX}</Text>
        {store.disputeError ? <Text className='dialog-error' {...a11y('alert')}>{store.disputeError}</Text> : null}
        <Button className='modal-dialog-action dispute-confirm-btn' type='primary' block loading={store.submitting} disabled={store.submitting} onClick={submit}>
          确认标记
        </Button>
        <Button className='modal-dialog-action dispute-cancel-btn' fill='outline' block disabled={store.submitting} onClick={store.cancelDispute}>取消</Button>
      </ModalDialog>

      <ModalDialog
        className='withdraw-dialog' visible={store.withdrawTarget != null} title='撤回这次申诉？'
        onClose={store.withdrawing ? undefined : store.cancelWithdraw}
      >
        <Text className='dialog-text'>撤回后不再核实，这笔消费按正常记录处理。以后如果仍有疑问，可以重新标记，或拨打 12393 医保服务热线。</Text>
        <Button className='modal-dialog-action withdraw-confirm-btn' type='primary' block loading={store.withdrawing} disabled={store.withdrawing} onClick={confirmWithdraw}>
          撤回申诉
        </Button>
        <Button className='modal-dialog-action withdraw-cancel-btn' fill='outline' block disabled={store.withdrawing} onClick={store.cancelWithdraw}>不撤回</Button>
      </ModalDialog>
    </>
  )
}

/** 「不是我的消费」: the action (or why it is not offered), what just happened, the disputes, and the hotline. */
const DisputeSection = observer(function DisputeSection ({ view }: { view: DetailView }) {
  const store = spendingDetailStore()
  return (
    <View className='dispute-section'>
      <Text className='section-title' {...heading(2)}>{view.disputes.length ? '不是我的消费 · 申诉记录' : '不是我的消费？'}</Text>
      {store.actionError ? <Text className='page-notice dispute-action-error'>{store.actionError}</Text> : null}
      {view.disputes.map((d) => {
        const changed = store.changed?.disputeId === d.id ? store.changed.title : null
        return (
          <View key={d.id} className={`dispute-card dispute-card--${d.status}${changed ? ' dispute-card--changed' : ''}`}>
            {changed ? <Text className='dispute-changed'>{changed}</Text> : null}
            <View className='dispute-head'>
              <Tag className={`dispute-status dispute-status--${d.status}`}>{d.statusName}</Tag>
              <Text className='dispute-date'>{d.created}</Text>
            </View>
            {d.updated ? <Text className='dispute-date dispute-date--updated'>{d.updated}</Text> : null}
            {d.note ? <Text className='dispute-note-text'>您的说明：{d.note}</Text> : null}
            <Text className='dispute-next'>{d.nextStep}</Text>
            {d.canWithdraw
              ? <Button className='withdraw-btn' size='small' fill='outline' onClick={() => store.askWithdraw(d.id)}>撤回申诉</Button>
              : null}
          </View>
        )
      })}
      <View className='dispute-action'>
        {view.canDispute
          ? (
            <>
              <Text className='dispute-hint'>如果这笔消费不是您本人或您为家人付的，请告诉我们，医保经办机构会核实。</Text>
              <Button className={`dispute-btn${view.anomalies.length ? ' dispute-btn--flag' : ''}`} type='primary' fill={view.anomalies.length ? 'solid' : 'outline'} block onClick={store.startDispute}>
                不是我的消费
              </Button>
            </>
            )
          : (view.cannotDispute && !view.openDispute ? <Text className='dispute-hint'>{view.cannotDispute}</Text> : null)}
        <Text className='hotline'>{HOTLINE}</Text>
        <Hotline />
      </View>
    </View>
  )
})

export default observer(SpendingDetailPage)
