// 账户余额: the balance with its 数据截至 time and why recent records may be missing, 参保类型 and 参保地.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import AmountText from '../../../../components/AmountText'
import ResidentNote from '../../../../components/ResidentNote'
import LoadFailed from '../../../../components/LoadFailed'
import { formatAsOf } from '../../../../utils/date'
import './index.scss'

const LOGIN_PAGE = '/pages/login/index'
const VERIFY_PAGE = '/packages/verify/pages/verify/index'

function BalancePage () {
  const { session, account } = rootStore

  // The current figure each time the person opens this page, again for every new session (signed in, out, or
  // in again after 重新登录), and again after each verification.
  useEffect(() => { void rootStore.showAccount({ refresh: true }) }, [session.token, session.verifiedUntil])
  // The server asked for a fresh identity check: the verify page opens once (navigateTo, so Back comes here).
  useEffect(() => {
    if (session.verificationPrompt && session.takeVerificationPrompt()) void Taro.navigateTo({ url: VERIFY_PAGE })
  }, [session, session.verificationPrompt])

  const toLogin = () => { void Taro.navigateTo({ url: LOGIN_PAGE }) }
  const toVerify = () => { void Taro.navigateTo({ url: VERIFY_PAGE }) }

  const summary = account.summary
  let body
  if (!session.restored || (session.signedIn && !summary && !account.error)) {
    body = <Skeleton className='balance-skeleton' rows={4} animated />
  } else if (!session.signedIn) {
    body = (
      <LoadFailed message={session.notice ?? '登录后才能查看账户余额'}>
        <Button className='login-entry-btn' type='primary' onClick={toLogin}>去登录</Button>
      </LoadFailed>
    )
  } else if (!summary) {
    body = (
      <LoadFailed message={account.error?.message ?? ''}>
        {account.needsLogin
          ? <Button className='relogin-btn' type='primary' onClick={toLogin}>重新登录</Button>
          : account.needsVerification
            ? <Button className='verify-btn' type='primary' onClick={toVerify}>去验证</Button>
            : <Button className='retry-btn' type='primary' loading={account.loading} onClick={() => { void account.load() }}>重试</Button>}
      </LoadFailed>
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
