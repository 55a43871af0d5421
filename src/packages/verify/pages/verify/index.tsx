// 身份验证 (step-up): why it is asked; face check first where the platform offers it (tips, then the platform's
// camera, then the server's verdict), SMS code and query password at once elsewhere or after two face checks that
// did not pass; biometric unlock (SOTER) on top for a session verified another way on this phone; the rest greyed
// out with their reason; then back to the page the person wanted.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { Input, Skeleton, TabPane, Tabs } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import type { VerificationMethodName } from '../../../../../types/api/verification'
import { rootStore } from '../../../../stores/index'
import { showVerification, verificationOf } from '../../stores/verification-store'
import LoadFailed from '../../../../components/LoadFailed'
import FaceTips from '../../../../components/FaceTips'
import PrivacyGate from '../../../../pages/PrivacyGate'
import { digitsOnly, queryPasswordError, smsCodeError } from '../../../../utils/validate'
import Button from '../../../../components/Button'
import SmsCodeField from '../../../../components/SmsCodeField'
import { clauses } from '../../../../components/clauses'
import FormField, { FormError, errorTies, fieldInput, useFieldPrefix } from '../../../../components/FormField'
import Hotline from '../../../../components/Hotline'
import { TabPanel, tabTitles, type TabTitle } from '../../../../components/Tabs'
import { a11y, heading, pressable } from '../../../../components/a11y'
import { HOME_PAGE, LOGIN_PAGE, RESET_PASSWORD_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

const LABELS: Record<VerificationMethodName, string> = {
  face: '刷脸验证',
  sms: '短信验证码',
  password: '查询密码',
  soter: '指纹/面容解锁',
}

// Own tab titles (NutUI's look and classes, with tab semantics), as on 登录, so that each carries a class of its own.
const TAB_CLASS: Partial<Record<VerificationMethodName, string>> = {
  sms: 'verify-sms-tab',
  password: 'verify-password-tab',
}

const FORGOT = '忘记密码？用身份证号和短信验证码重新设置'

/** Back to the page that asked for the check; opened on its own (a shared link, a reload), to 首页. */
function backToWanted () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function VerifyPage () {
  const { session } = rootStore
  const verification = verificationOf(rootStore)
  const [code, setCode] = useState('')
  const [password, setPassword] = useState('')
  const ids = useFieldPrefix()

  useLoad(() => { void showVerification(rootStore) })

  const edit = (set: (value: string) => void) => (value: string) => { set(value); verification.clearError() }
  const sendCode = () => { void verification.requestCode() }
  const submit = async () => {
    const ok = verification.method === 'password'
      ? await verification.submitPassword(password)
      : await verification.submitSms(code)
    if (ok) backToWanted()
  }
  const forgotPassword = () => { void Taro.navigateTo({ url: RESET_PASSWORD_PAGE }) }
  const startFace = async () => { if (await verification.startFace()) backToWanted() }
  const startSoter = async () => { if (await verification.startSoter()) backToWanted() }
  const platformName = verification.face.platform === 'alipay' ? '支付宝' : '微信'
  const toLogin = () => { void Taro.reLaunch({ url: LOGIN_PAGE }) }
  const retry = () => { void verification.loadMethods() }
  const submitNow = () => { void submit() }

  const intro = (
    <View className='verify-intro'>
      <Text className='verify-title' {...heading(1)}>请确认是您本人</Text>
      <Text className='verify-text'>为保护您的医保信息，查看账户前需要先确认是您本人在操作。验证通过后会回到您刚才要看的页面，一段时间内无需再次验证。</Text>
    </View>
  )

  let body
  if (session.restored && !session.signedIn) {
    body = (
      <LoadFailed message={session.notice ?? '登录已失效，请重新登录后再查看'}>
        <Button className='verify-login-btn' type='primary' onClick={toLogin}>重新登录</Button>
      </LoadFailed>
    )
  } else if (verification.methodsError && verification.methods.length === 0) {
    body = (
      <LoadFailed message={verification.methodsError}>
        <Button className='verify-retry-btn' type='primary' loading={verification.loadingMethods} onClick={retry}>重试</Button>
      </LoadFailed>
    )
  } else if (verification.methods.length === 0) {
    body = <Skeleton className='verify-skeleton' rows={4} animated />
  } else {
    const tabs = verification.methods.filter((m) => TAB_CLASS[m.method])
    const forms = verification.formMethodsShown
    const titles = tabTitles('verify', tabs.map((m): TabTitle<VerificationMethodName> => ({
      value: m.method,
      title: LABELS[m.method],
      className: `${TAB_CLASS[m.method]}${m.available ? '' : ' verify-tab-disabled'}`,
      disabled: !m.available,
    })), verification.method, verification.choose)
    const method = verification.method
    // The error line, tied to the field of the method in use (a wrong code, a wrong password).
    const errorId = `${ids}-error`
    const ties = errorTies(errorId, verification.error, { code: smsCodeError(code), password: queryPasswordError(password) })
    body = (
      <>
        {verification.biometricOffered
          ? (
            <View className='verify-soter'>
              <Text className='verify-soter-text'>您在这部手机上已验证过身份，可以直接用{verification.biometricName}解锁。</Text>
              <Button
                className='verify-soter-btn' type='primary' size='large' block loading={verification.soterRunning}
                onClick={() => { void startSoter() }}
              >
                用{verification.biometricName}解锁
              </Button>
            </View>
            )
          : null}
        {verification.faceOffered
          ? (
            <FaceTips
              className='verify-face' platformName={platformName} running={verification.faceRunning}
              action={verification.faceFailures > 0 ? '再刷一次' : '开始刷脸'} onStart={startFace}
            />
            )
          : null}
        {verification.faceOffered && forms ? <Text className='verify-or'>或者改用以下方式验证</Text> : null}
        {!forms
          ? null
          : verification.method
            ? (
            <Tabs className='verify-tabs' value={verification.method} title={titles} autoHeight duration={200}>
              <TabPane className='verify-sms-pane' value='sms' title={LABELS.sms}>
                <TabPanel idPrefix='verify' value='sms' active={method === 'sms'}>
                <Text id={`${ids}-phone`} className='verify-phone'>
                  验证码将发送到您登记的手机 <Text className='keep-whole'>{verification.phoneMasked}</Text>
                </Text>
                <View className='verify-form'>
                  <SmsCodeField
                    id={`${ids}-code`} classPrefix='verify' value={code} onChange={edit(setCode)} seconds={verification.cooldownSeconds}
                    canSend={verification.canRequestCode} sending={verification.sending} onSend={sendCode} error={ties.code}
                    hintId={verification.codeNotice ? `${ids}-phone ${ids}-code-sent` : `${ids}-phone`}
                  />
                </View>
                {verification.codeNotice ? <Text id={`${ids}-code-sent`} className='verify-code-sent'>{clauses(verification.codeNotice)}</Text> : null}
                </TabPanel>
              </TabPane>
              <TabPane className='verify-password-pane' value='password' title={LABELS.password}>
                <TabPanel idPrefix='verify' value='password' active={method === 'password'}>
                <View className='verify-form'>
                  <FormField label='查询密码' inputId={`${ids}-password`} className='verify-password-field' invalid={ties.password.invalid}>
                    <Input
                      className='verify-password-input' type='password' maxLength={6} placeholder='6 位数字'
                      value={password} formatter={digitsOnly} onChange={edit(setPassword)}
                      {...fieldInput(`${ids}-password`, '查询密码', ties.password, `${ids}-password-hint`)}
                    />
                  </FormField>
                </View>
                <View id={`${ids}-password-hint`} className='verify-password-hint'>
                  <Text className='form-line'>查询密码是办理医保卡时设置的 <Text className='keep-whole'>6 位数字。</Text></Text>
                  <Text className='form-line'>连续输错 5 次会锁定 30 分钟。</Text>
                </View>
                <View className='verify-forgot-row'>
                  <Text className='verify-forgot-link' {...a11y('link', FORGOT)} {...pressable(forgotPassword)} onClick={forgotPassword}>
                    <Text className='keep-whole'>忘记密码？</Text><Text className='keep-whole'>用身份证号和短信验证码重新设置</Text>
                  </Text>
                </View>
                </TabPanel>
              </TabPane>
            </Tabs>
            )
            : verification.faceOffered
              ? null
              : <Text className='verify-none'>暂时没有可以使用的验证方式，请拨打下方的医保服务热线咨询。</Text>}
        <FormError
          id={errorId} message={verification.error}
          className={verification.passwordLocked ? 'verify-error verify-error-locked' : 'verify-error'}
        />
        {forms && verification.method
          ? (
            <Button
              className='verify-submit-btn' type='primary' size='large' block loading={verification.submitting}
              onClick={submitNow}
            >
              验证
            </Button>
            )
          : null}
        {verification.unavailable.length > 0 && forms
          ? (
            <View className='verify-other'>
              <Text className='verify-other-title' {...heading(2)}>其他验证方式</Text>
              {verification.unavailable.map((m) => (
                <View key={m.method} className={`verify-method-disabled verify-method-${m.method}`}>
                  <Text className='verify-method-name'>{LABELS[m.method]}</Text>
                  <Text className='verify-method-reason'>{m.reason ?? '暂未开放'}</Text>
                </View>
              ))}
            </View>
            )
          : null}
      </>
    )
  }

  return (
    <PageRoot className='verify-page'>
      {intro}
      {body}
      <View className='verify-help'>
        <Text>手机号已不再使用，或有其他问题？可以打电话咨询：</Text>
        <Hotline />
      </View>
      {/* WeChat asks for the privacy agreement before its face check or SOTER if it has not heard it yet. */}
      <PrivacyGate />
    </PageRoot>
  )
}

export default observer(VerifyPage)
