// 重设查询密码 (忘记密码): ID number, an SMS code to the phone on file, a new query password twice; then back to 登录.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { passwordResetOf } from '../../stores/password-reset-store'
import {
  confirmPasswordError, digitsOnly, idNumberError, NEW_PASSWORD_RULES, newPasswordError, smsCodeError,
} from '../../../../utils/validate'
import Button from '../../../../components/Button'
import SmsCodeField from '../../../../components/SmsCodeField'
import { clauses } from '../../../../components/clauses'
import FormField, { FormError, errorTies, fieldInput, useFieldPrefix } from '../../../../components/FormField'
import Hotline from '../../../../components/Hotline'
import { heading } from '../../../../components/a11y'
import { LOGIN_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

function backToLogin () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: LOGIN_PAGE })
}

function ResetPasswordPage () {
  const reset = passwordResetOf(rootStore)
  const [idNumber, setIdNumber] = useState('')
  const [code, setCode] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const ids = useFieldPrefix()

  useLoad(() => { reset.begin() })

  const edit = (set: (value: string) => void) => (value: string) => { set(value); reset.clearError() }
  const sendCode = () => { void reset.requestCode(idNumber) }
  const submit = () => { void reset.submit({ idNumber, code, newPassword, confirm }) }

  if (reset.done) {
    return (
      <PageRoot className='reset-page'>
        <View className='reset-done'>
          <View className='reset-done-mark'><View className='reset-done-check' /></View>
          <Text className='reset-done-title' {...heading(1)}>{reset.done}</Text>
          <Text className='reset-done-text'>查询密码的锁定已一并解除。为了安全，您之前的登录都已退出，请用新密码重新登录。</Text>
          <Button className='reset-back-btn' type='primary' size='large' block onClick={backToLogin}>返回登录</Button>
        </View>
      </PageRoot>
    )
  }

  // The error line, tied to the field it is about (each field's own check, in the order the store runs them).
  const errorId = `${ids}-error`
  const ties = errorTies(errorId, reset.error, {
    idNumber: idNumberError(idNumber),
    code: smsCodeError(code),
    newPassword: newPasswordError(newPassword, idNumber),
    confirm: confirmPasswordError(newPassword, confirm),
  })

  return (
    <PageRoot className='reset-page'>
      <Text className='reset-title' {...heading(1)}>重设查询密码</Text>
      <Text className='reset-intro'>验证码会发送到您参保时登记的手机号。设置新的查询密码后，锁定会一并解除。</Text>
      <View className='reset-form'>
        <FormField label='身份证号' inputId={`${ids}-id`} className='reset-id-field' invalid={ties.idNumber.invalid}>
          <Input
            className='reset-id-input' type='idcard' maxLength={18} clearable placeholder='18 位，末位可能是 X'
            value={idNumber} onChange={edit(setIdNumber)} {...fieldInput(`${ids}-id`, '身份证号', ties.idNumber)}
          />
        </FormField>
        <SmsCodeField
          id={`${ids}-code`} classPrefix='reset' value={code} onChange={edit(setCode)} seconds={reset.cooldownSeconds}
          canSend={reset.canRequestCode} sending={reset.sending} onSend={sendCode} error={ties.code}
          hintId={reset.codeNotice ? `${ids}-code-sent` : undefined}
        />
        <FormField label='新的查询密码' inputId={`${ids}-new`} className='reset-new-password-field' invalid={ties.newPassword.invalid}>
          <Input
            className='reset-new-password-input' type='password' maxLength={6} placeholder='6 位数字'
            value={newPassword} formatter={digitsOnly} onChange={edit(setNewPassword)}
            {...fieldInput(`${ids}-new`, '新的查询密码', ties.newPassword, `${ids}-rules`)}
          />
        </FormField>
        <FormField label='再输入一次新的查询密码' inputId={`${ids}-confirm`} className='reset-confirm-field' invalid={ties.confirm.invalid}>
          <Input
            className='reset-confirm-input' type='password' maxLength={6} placeholder='与上面的相同'
            value={confirm} formatter={digitsOnly} onChange={edit(setConfirm)}
            {...fieldInput(`${ids}-confirm`, '再输入一次新的查询密码', ties.confirm)}
          />
        </FormField>
      </View>
      {reset.codeNotice ? <Text id={`${ids}-code-sent`} className='reset-code-sent'>{clauses(reset.codeNotice)}</Text> : null}
      <View id={`${ids}-rules`} className='reset-rules'>
        <Text className='reset-rules-title' {...heading(2)}>新的查询密码需要：</Text>
        {NEW_PASSWORD_RULES.map((rule) => <Text key={rule} className='reset-rule'>· {rule}</Text>)}
      </View>
      <FormError id={errorId} message={reset.error} className='reset-error' />
      <Button className='reset-submit-btn' type='primary' size='large' block loading={reset.submitting} onClick={submit}>
        确认重设
      </Button>
      <View className='reset-help'>
        <Text>手机号已不再使用？请携带身份证到参保地医保经办机构办理，也可以打电话咨询：</Text>
        <Hotline />
      </View>
    </PageRoot>
  )
}

export default observer(ResetPasswordPage)
