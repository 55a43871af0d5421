// The account could not be shown: the server's sentence, then the one thing that helps (login, verify or retry).
import { Button } from '@nutui/nutui-react-taro'
import LoadFailed from './LoadFailed'

interface AccountLoadFailedProps {
  message: string
  needsLogin: boolean
  needsVerification: boolean
  loading: boolean
  onLogin: () => void
  onVerify: () => void
  onRetry: () => void
}

export default function AccountLoadFailed (p: AccountLoadFailedProps) {
  return (
    <LoadFailed message={p.message}>
      {p.needsLogin
        ? <Button className='relogin-btn' type='primary' onClick={p.onLogin}>重新登录</Button>
        : p.needsVerification
          ? <Button className='verify-btn' type='primary' onClick={p.onVerify}>去验证</Button>
          : <Button className='retry-btn' type='primary' loading={p.loading} onClick={p.onRetry}>重试</Button>}
    </LoadFailed>
  )
}
