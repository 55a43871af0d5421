// The account could not be shown: the server's sentence, then the one thing that helps (bind, verify or retry).
import { Button } from '@nutui/nutui-react-taro'
import LoadFailed from './LoadFailed'

interface AccountLoadFailedProps {
  message: string
  /** The login is not tied to an insured person yet (binding_required). */
  needsBinding: boolean
  needsVerification: boolean
  loading: boolean
  onBind: () => void
  onVerify: () => void
  onRetry: () => void
}

export default function AccountLoadFailed (p: AccountLoadFailedProps) {
  return (
    <LoadFailed message={p.message}>
      {p.needsBinding
        ? <Button className='bind-entry-btn' type='primary' onClick={p.onBind}>去实名绑定</Button>
        : p.needsVerification
          ? <Button className='verify-btn' type='primary' onClick={p.onVerify}>去验证</Button>
          : <Button className='retry-btn' type='primary' loading={p.loading} onClick={p.onRetry}>重试</Button>}
    </LoadFailed>
  )
}
