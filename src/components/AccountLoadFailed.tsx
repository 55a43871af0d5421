// The account could not be shown: what stands in the way in a few words, the server's sentence, then the one thing
// that helps (bind, verify or retry).
import { Button } from '@nutui/nutui-react-taro'
import LoadFailed from './LoadFailed'
import { button } from './a11y'

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
  if (p.needsBinding) {
    return (
      <LoadFailed title='还没有绑定参保人' mark='?' message={p.message}>
        <Button className='bind-entry-btn' type='primary' {...button(p.onBind)} onClick={p.onBind}>去实名绑定</Button>
      </LoadFailed>
    )
  }
  if (p.needsVerification) {
    return (
      <LoadFailed title='请先验证身份' mark='?' message={p.message}>
        <Button className='verify-btn' type='primary' {...button(p.onVerify)} onClick={p.onVerify}>去验证</Button>
      </LoadFailed>
    )
  }
  return (
    <LoadFailed message={p.message}>
      <Button className='retry-btn' type='primary' loading={p.loading} {...button(p.onRetry)} onClick={p.onRetry}>重试</Button>
    </LoadFailed>
  )
}
