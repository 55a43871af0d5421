// 账户余额: the balance with its 数据截至 time and why recent records may be missing, this year's money in and out as a
// reconciliation, this year's visits and claims, the ways into the three lists, 参保类型 and 参保地. A resident has no
// personal account: the key figure is this year's 参保状态 and premium, and the yearly payments follow.
import { Fragment } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import AmountText from '../../../../components/AmountText'
import ResidentNote from '../../../../components/ResidentNote'
import LoadFailed from '../../../../components/LoadFailed'
import AccountLoadFailed from '../../../../components/AccountLoadFailed'
import { toBind, toLogin, toVerify, useAccountPage } from '../../../../pages/account-page'
import { formatAsOf } from '../../../../utils/date'
import { balanceView, type FactRow, type PremiumRow, type Reconciliation } from './year-view'
import { HOME_PAGE, CONTRIBUTIONS_PAGE, SPENDING_PAGE, CLAIMS_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import TapRow from '../../../../components/TapRow'
import { heading } from '../../../../components/a11y'
import './index.scss'

const go = (url: string) => () => { void Taro.navigateTo({ url }) }

const toHome = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

/** 年初余额, each line in (+) and out (−) with its word, 当前余额, and the sum that ties them together. */
function YearFlows ({ r }: { r: Reconciliation }) {
  return (
    <>
      <Text className='section-title' {...heading(2)}>{r.title}</Text>
      <CellGroup className='balance-group flows-group'>
        <Cell
          className='flow-cell flow-opening' align='center' title='年初余额' description={r.openingNote}
          extra={<Text className='flow-amount amount-text'>{r.opening}</Text>}
        />
        {r.rows.map((row) => (
          <Cell
            key={row.key} className={`flow-cell flow-${row.key}`} align='center'
            // Two Texts straight in the title, no wrapper: on WeChat anything deeper is drawn through Taro's slower
            // recursive template (baseLevel 8).
            title={<><Text className={`flow-word flow-word-${row.flow}`}>{row.word}</Text><Text className='flow-label'>{row.label}</Text></>}
            description={row.note}
            extra={<Text className={`flow-amount flow-amount-${row.flow} amount-text`}>{row.amount}</Text>}
          />
        ))}
        <Cell
          className='flow-cell flow-balance' align='center' title='当前余额'
          extra={<Text className='flow-amount flow-total amount-text'>{r.balance}</Text>}
        />
      </CellGroup>
      {r.equation
        ? (
          <View className='reconcile-line'>
            {r.equation.map((t) => (
              <Fragment key={t.term}>
                {t.op ? <Text className='reconcile-op'>{` ${t.op} `}</Text> : null}
                <Text className='reconcile-term'>{t.term}</Text>
              </Fragment>
            ))}
          </View>
          )
        : <Text className='reconcile-line'>今年的各项收支还在核对中，账户余额以上面显示的为准。</Text>}
    </>
  )
}

/** A resident's yearly payments (城乡居民医保个人缴费), newest first. */
function Premiums ({ rows }: { rows: PremiumRow[] }) {
  return (
    <>
      <Text className='section-title' {...heading(2)}>每年缴费</Text>
      <CellGroup className='balance-group premiums-group'>
        {rows.length
          ? rows.map((p) => (
            <Cell
              key={p.key} className='premium-cell' align='center' title={p.label} description={p.paidOn}
              extra={<Text className='premium-amount amount-text'>{p.amount}</Text>}
            />
          ))
          : <Cell className='premiums-empty' title='还没有查到缴费记录' description='如果您已经缴费，可能还没有同步过来，请过几天再来查看，也可以拨打 12393 医保服务热线咨询。' />}
      </CellGroup>
      <Text className='group-note'>城乡居民医保每年缴一次费，一般在上一年的秋冬季集中缴纳下一年度的费用。</Text>
    </>
  )
}

/** Plain Cells (not wrapped in a component): CellGroup marks its last Cell child so no divider hangs below it. */
const factCells = (rows: FactRow[]) => rows.map((row) => (
  <Cell
    key={row.key} className={`fact-cell fact-${row.key}`} align='center' title={row.label} description={row.note}
    extra={<Text className='fact-value amount-text'>{row.value}</Text>}
  />
))

function BalancePage () {
  const { session, account, consent } = rootStore

  useAccountPage({ refresh: true })

  const summary = account.summary
  // No account data without the holder's consents (given on 首页): say so instead of waiting for data.
  const blocked = session.signedIn ? consent.accountBlocked : null
  let body
  if (!session.restored || (session.signedIn && !summary && !account.error && !blocked)) {
    body = <Skeleton className='balance-skeleton' rows={4} animated />
  } else if (!session.signedIn) {
    body = (
      <LoadFailed title='请先登录' mark='?' message={session.notice ?? '登录后才能查看账户余额'}>
        <Button className='login-entry-btn' type='primary' onClick={toLogin}>去登录</Button>
      </LoadFailed>
    )
  } else if (blocked) {
    body = (
      <LoadFailed title='需要您的授权' mark='?' message={blocked}>
        <Button className='consent-home-btn' type='primary' onClick={toHome}>回到首页</Button>
      </LoadFailed>
    )
  } else if (!summary) {
    body = (
      <AccountLoadFailed
        message={account.error?.message ?? ''} needsBinding={account.needsBinding} needsVerification={account.needsVerification}
        loading={account.loading} onBind={toBind} onVerify={toVerify} onRetry={() => { void account.load() }}
      />
    )
  } else {
    const view = balanceView(summary)
    body = (
      <>
        <View className='balance-card'>
          {view.standing
            ? (
              <>
                <Text className='balance-label' {...heading(1)}>{view.standing.label}</Text>
                <Text className={`standing-status ${view.standing.covered ? 'standing-status--covered' : 'standing-status--missing'}`}>
                  <Text className='standing-mark' aria-hidden='true'>{view.standing.covered ? '✓ ' : '! '}</Text>
                  {view.standing.status}
                </Text>
                <Text className='standing-detail'>{view.standing.detail}</Text>
                <ResidentNote className='balance-resident-note' />
              </>
              )
            : (
              <>
                <Text className='balance-label' {...heading(1)}>个人账户余额</Text>
                <AmountText className='balance-amount' fen={summary.balanceFen} spoken='个人账户余额' />
              </>
              )}
          <Text className='as-of'>{formatAsOf(summary.asOf)}</Text>
          <Text className='delay-note'>{view.delayNote}</Text>
        </View>
        {view.reconciliation ? <YearFlows r={view.reconciliation} /> : <Premiums rows={view.premiums ?? []} />}
        <Text className='section-title' {...heading(2)}>{view.year}年看病和报销</Text>
        <CellGroup className='balance-group visits-group'>
          {factCells([...view.visits, ...view.claims])}
        </CellGroup>
        <Text className='section-title' {...heading(2)}>查看明细</Text>
        <View className='balance-group balance-entries'>
          <TapRow className='entry-contributions' title='缴费记录' description={view.entries.contributions} onPress={go(CONTRIBUTIONS_PAGE)} />
          <TapRow className='entry-spending' title='消费记录' description={view.entries.spending} onPress={go(SPENDING_PAGE)} />
          <TapRow className='entry-claims' title='报销进度' description={view.entries.claims} onPress={go(CLAIMS_PAGE)} />
        </View>
        <Text className='section-title' {...heading(2)}>参保信息</Text>
        <CellGroup className='balance-group balance-details'>
          <Cell title='参保类型' extra={<Text className='insurance-type'>{summary.insuranceTypeName}</Text>} />
          <Cell title='参保地' extra={<Text className='region-name'>{summary.region.name}</Text>} />
        </CellGroup>
      </>
    )
  }

  return <PageRoot className='balance-page'>{body}</PageRoot>
}

export default observer(BalancePage)
