// What a page of the person's own data (the account pages, 分享给家人, 我的分享) shows before its own content: a
// skeleton while the session is read back, 去登录 when signed out, 回到首页 when the consents are missing, and the load
// error of the page's data (bind, verify or retry). Renders nothing once the page may show its content.
import type { ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import Button from '../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../stores/index'
import LoadFailed from '../components/LoadFailed'
import AccountLoadFailed from '../components/AccountLoadFailed'
import { toBind, toLogin, toVerify } from './account-page'
import type { ListError } from '../stores/paged-list'
import { HOME_PAGE } from '../routes'

interface AccountGateProps {
  /** What the page needs the person to sign in for (登录后才能查看消费记录). */
  what: string
  /** The signed-out sentence when 登录后才能查看… does not fit (登录后才能分享给家人). */
  signedOutMessage?: string
  /** The page's own first load failed. */
  error: ListError | null
  loading: boolean
  onRetry: () => void
  /** The page's content, drawn when nothing stands in its way. */
  children: ReactNode
}

const toHome = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function AccountGate ({ what, signedOutMessage, error, loading, onRetry, children }: AccountGateProps) {
  const { session, consent } = rootStore
  if (!session.restored) return <Skeleton className='page-skeleton' rows={6} animated />
  if (!session.signedIn) {
    return (
      <LoadFailed title='请先登录' mark='?' message={session.notice ?? signedOutMessage ?? `登录后才能查看${what}`}>
        <Button className='login-entry-btn' type='primary' onClick={toLogin}>去登录</Button>
      </LoadFailed>
    )
  }
  const blocked = consent.accountBlocked
  if (blocked) {
    return (
      <LoadFailed title='需要您的授权' mark='?' message={blocked}>
        <Button className='consent-home-btn' type='primary' onClick={toHome}>回到首页</Button>
      </LoadFailed>
    )
  }
  if (!consent.mayShowAccount) return <Skeleton className='page-skeleton' rows={6} animated />
  if (error) {
    return (
      <AccountLoadFailed
        message={error.message} needsBinding={error.code === 'binding_required'} needsVerification={error.code === 'verification_required'}
        loading={loading} onBind={toBind} onVerify={toVerify} onRetry={onRetry}
      />
    )
  }
  return <>{children}</>
}

export default observer(AccountGate)
