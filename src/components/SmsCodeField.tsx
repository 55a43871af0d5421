// The 6-digit SMS code input with its 获取验证码 button and resend countdown, the same on 登录, 身份验证, 实名绑定
// and 重设查询密码. `classPrefix` keeps each page's own class names (`verify` → verify-code-row, verify-code-input,
// verify-send-code-btn; none → code-row, code-input, send-code-btn).
import { View } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { resendLabel } from '../utils/wait'
import { button, inputName } from './a11y'
import './SmsCodeField.scss'

interface SmsCodeFieldProps {
  classPrefix?: string
  value: string
  onChange: (value: string) => void
  /** Seconds before another code may be asked for (0: now). */
  seconds: number
  canSend: boolean
  sending: boolean
  onSend: () => void
}

export default function SmsCodeField ({ classPrefix, value, onChange, seconds, canSend, sending, onSend }: SmsCodeFieldProps) {
  const p = classPrefix ? `${classPrefix}-` : ''
  const send = () => { if (canSend) onSend() }
  return (
    <View className={`${p}code-row sms-code-row`}>
      <Input
        className={`${p}code-input`} type='number' maxLength={6} placeholder='请输入 6 位验证码'
        value={value} onChange={onChange} {...inputName('短信验证码')}
      />
      <Button
        className={`${p}send-code-btn sms-send-btn`} type='primary' fill='outline' size='small'
        disabled={!canSend} loading={sending} onClick={send} {...button(send)} aria-disabled={canSend ? 'false' : 'true'}
      >
        {seconds > 0 ? resendLabel(seconds) : '获取验证码'}
      </Button>
    </View>
  )
}
