// 账户余额: the balance with its 数据截至 time and why recent records may be missing, 参保类型 and 参保地.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import AmountText from '../../../../components/AmountText'
import ResidentNote from '../../../../components/ResidentNote'
import LoadFailed from '../../../../components/LoadFailed'
import AccountLoadFailed from '../../../../components/AccountLoadFailed'
import { toBind, toLogin, toVerify, useAccountPage } from '../../../../pages/account-page'
import { formatAsOf } from '../../../../utils/date'
import './index.scss'

const toHome = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: '/pages/index/index' })
}

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
      <LoadFailed message={session.notice ?? '登录后才能查看账户余额'}>
        <Button className='login-entry-btn' type='primary' onClick={toLogin}>去登录</Button>
      </LoadFailed>
    )
  } else if (blocked) {
    body = (
      <LoadFailed message={blocked}>
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
    body = (
      <>
        <View className='balance-card'>
          <Text className='balance-label'>个人账户余额</Text>
          {summary.hasPersonalAccount
            ? <AmountText className='balance-amount' fen={summary.balanceFen} />
            : <ResidentNote className='balance-resident-note' />}
          <Text className='as-of'>{formatAsOf(summary.asOf)}</Text>
          <Text className='delay-note'>医院和药店的消费、每月的缴费，通常要 1 到 3 天才会记到账户里；最近几天的变动如果还没看到，请过几天再来查看。</Text>
        </View>
        <CellGroup className='balance-details'>
          <Cell title='参保类型' extra={<Text className='insurance-type'>{summary.insuranceTypeName}</Text>} />
          <Cell title='参保地' extra={<Text className='region-name'>{summary.region.name}</Text>} />
        </CellGroup>
      </>
    )
  }

  return <View className='balance-page'>{body}</View>
}

export default observer(BalancePage)
