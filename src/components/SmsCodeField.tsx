// The 6-digit SMS code field with its label, its 获取验证码 button and resend countdown, the same on 登录, 身份验证,
// 实名绑定 and 重设查询密码. `classPrefix` keeps each page's own class names (`verify` → verify-code-row,
// verify-code-input, verify-send-code-btn; none → code-row, code-input, send-code-btn).
import { View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import { resendLabel } from '../utils/wait'
import Button from './Button'
import FormField, { fieldInput, type FieldError } from './FormField'
import './SmsCodeField.scss'

/** The field's visible label, which is its name too. */
export const SMS_CODE_LABEL = '短信验证码'

interface SmsCodeFieldProps {
  /** The input's id, unique in the document (`useFieldPrefix` on the page). */
  id: string
  classPrefix?: string
  value: string
  onChange: (value: string) => void
  /** Seconds before another code may be asked for (0: now). */
  seconds: number
  canSend: boolean
  sending: boolean
  onSend: () => void
  /** The form's error line, when it speaks about this field. */
  error?: FieldError
  /** The lines on the page that say where the code goes (their ids, space-separated; H5: read after the name). */
  hintId?: string
}

export default function SmsCodeField ({ id, classPrefix, value, onChange, seconds, canSend, sending, onSend, error, hintId }: SmsCodeFieldProps) {
  const p = classPrefix ? `${classPrefix}-` : ''
  const send = () => { if (canSend) onSend() }
  return (
    <FormField label={SMS_CODE_LABEL} inputId={id} className={`${p}code-field`} invalid={error?.invalid}>
      <View className={`${p}code-row sms-code-row`}>
        <Input
          className={`${p}code-input`} type='number' maxLength={6} placeholder='6 位数字'
          value={value} onChange={onChange} {...fieldInput(id, SMS_CODE_LABEL, error, hintId)}
        />
        {/* Pressed while it waits, it says so (aria-disabled) instead of vanishing from the keyboard's path. */}
        <Button
          className={`${p}send-code-btn sms-send-btn`} type='primary' fill='outline' size='small'
          disabled={!canSend} loading={sending} onClick={send}
        >
          {seconds > 0 ? resendLabel(seconds) : '获取验证码'}
        </Button>
      </View>
    </FormField>
  )
}
