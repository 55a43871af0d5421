// The account could not be shown: what stands in the way in a few words, the server's sentence, then the one thing
// that helps (bind, verify or retry).
import Button from './Button'
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
  if (p.needsBinding) {
    return (
      <LoadFailed title='还没有绑定参保人' mark='?' message={p.message}>
        <Button className='bind-entry-btn' type='primary' onClick={p.onBind}>去实名绑定</Button>
      </LoadFailed>
    )
  }
  if (p.needsVerification) {
    return (
      <LoadFailed title='请先验证身份' mark='?' message={p.message}>
        <Button className='verify-btn' type='primary' onClick={p.onVerify}>去验证</Button>
      </LoadFailed>
    )
  }
  return (
    <LoadFailed message={p.message}>
      <Button className='retry-btn' type='primary' loading={p.loading} onClick={p.onRetry}>重试</Button>
    </LoadFailed>
  )
}
