// 登录: one-tap platform login where the platform offers it, then two tabs — phone + SMS code, and ID number or
// card number + query password (with 忘记密码) — then back to 首页.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Divider, Input, TabPane, Tabs } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../stores/index'
import { digitsOnly, loginIdentifierError, phoneError, queryPasswordError, smsCodeError } from '../../utils/validate'
import PrivacyGate from '../PrivacyGate'
import Button from '../../components/Button'
import SmsCodeField from '../../components/SmsCodeField'
import FormField, { FormError, errorTies, fieldInput, useFieldPrefix } from '../../components/FormField'
import { TabPanel, tabTitles, type TabTitle } from '../../components/Tabs'
import { a11y, heading, pressable } from '../../components/a11y'
import { HOME_PAGE, RESET_PASSWORD_PAGE, BIND_PAGE } from '../../routes'
import PageRoot from '../PageRoot'
import './index.scss'

const PLATFORM_BUTTON: Record<'wechat' | 'alipay', string> = {
  wechat: '微信一键登录',
  alipay: '支付宝一键登录',
}

type LoginTab = 'sms' | 'password'

const FORGOT = '忘记密码？用身份证号和短信验证码重新设置'

// Own tab titles (NutUI's look and classes, with tab semantics) so that each carries a class of its own.
const TABS: Array<TabTitle<LoginTab>> = [
  { value: 'sms', title: '手机验证码登录', className: 'sms-tab' },
  { value: 'password', title: '查询密码登录', className: 'password-tab' },
]

function backToHome () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function LoginPage () {
  const { session, consent } = rootStore
  const [tab, setTab] = useState<LoginTab>('sms')
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [identifier, setIdentifier] = useState('')
  const [password, setPassword] = useState('')
  const platform = session.platformLogin
  const ids = useFieldPrefix()

  const sendCode = () => { void session.requestSmsCode(phone) }
  const loginWithSms = async () => { if (await session.loginWithSms(phone, code)) backToHome() }
  const loginWithPassword = async () => { if (await session.loginWithPassword(identifier, password)) backToHome() }
  // A first platform login is not tied to anyone yet: binding comes next, in place of 登录.
  const loginWithPlatform = async () => {
    if (!(await session.loginWithPlatform())) return
    if (session.bound) backToHome()
    else void Taro.redirectTo({ url: BIND_PAGE })
  }
  const switchTab = (value: LoginTab) => { setTab(value); session.clearError() }
  const forgotPassword = () => { void Taro.navigateTo({ url: RESET_PASSWORD_PAGE }) }
  const edit = (set: (value: string) => void) => (value: string) => { set(value); session.clearError() }

  // The spinner only in the tab on screen: the other tab's button is off screen, and on a mini-program each
  // spinner is a structural change that re-sends its subtree through setData.
  const busyIn = (which: LoginTab) => session.loggingIn && tab === which
  // One error line, in the tab the person is using (the other tab's form is off screen), tied to the field it is
  // about.
  const errorOf = (which: LoginTab) => (tab === which ? session.error : null)
  const errorClass = session.passwordLocked ? 'login-error login-error-locked' : 'login-error'
  const smsErrorId = `${ids}-sms-error`
  const passwordErrorId = `${ids}-password-error`
  const smsTies = errorTies(smsErrorId, errorOf('sms'), { phone: phoneError(phone), code: smsCodeError(code) })
  const passwordTies = errorTies(passwordErrorId, errorOf('password'), {
    identifier: loginIdentifierError(identifier), password: queryPasswordError(password),
  })

  const titles = tabTitles('login', TABS, tab, switchTab)
  const toPassword = () => switchTab('password')

  // Under PrivacyGate's cover (the policy not agreed yet) the form is out of reach: no Tab into it, nothing read.
  const covered = !consent.privacyAccepted
  const behindCover = covered ? { 'aria-hidden': 'true', ...(process.env.TARO_ENV === 'h5' ? { inert: '' } : {}) } : {}

  return (
    <PageRoot className='login-page'>
      <View className='login-content' {...behindCover}>
      <Text className='login-title' {...heading(1)}>登录医保账户</Text>
      <Text className='login-subtitle'>登录后查看您本人的医保个人账户</Text>
      {platform
        ? (
          <>
            <Button
              className='platform-login-btn' type='primary' size='large' block loading={session.loggingIn}
              onClick={() => { void loginWithPlatform() }} label={PLATFORM_BUTTON[platform]}
            >
              {PLATFORM_BUTTON[platform]}
            </Button>
            <Divider className='login-divider'>或使用以下方式登录</Divider>
          </>
          )
        : null}
      <Tabs className='login-tabs' value={tab} title={titles} autoHeight duration={200}>
        <TabPane className='sms-pane' value='sms' title='手机验证码登录'>
          <TabPanel idPrefix='login' value='sms' active={tab === 'sms'}>
          <View className='login-form'>
            <FormField label='手机号' inputId={`${ids}-phone`} className='phone-field' invalid={smsTies.phone.invalid}>
              <Input
                className='phone-input' type='number' maxLength={11} clearable placeholder='11 位手机号'
                value={phone} onChange={edit(setPhone)} {...fieldInput(`${ids}-phone`, '手机号', smsTies.phone)}
              />
            </FormField>
            <SmsCodeField
              id={`${ids}-code`} value={code} onChange={edit(setCode)} seconds={session.cooldownSeconds}
              canSend={session.canRequestSmsCode} sending={session.smsSending} onSend={sendCode} error={smsTies.code}
              hintId={session.smsSentTo ? `${ids}-sms-sent` : undefined}
            />
          </View>
          {/* In two pieces that each stay whole: a narrow screen breaks the line between them, not before its last word. */}
          {session.smsSentTo
            ? (
              <Text id={`${ids}-sms-sent`} className='sms-sent'>
                <Text className='keep-whole'>验证码已发送至 {session.smsSentTo}，</Text><Text className='keep-whole'>5 分钟内有效</Text>
              </Text>
              )
            : null}
          <FormError id={smsErrorId} message={errorOf('sms')} className={errorClass} />
          {session.smsLimited && tab === 'sms'
            ? (
              <Button className='use-password-btn' fill='outline' size='large' block onClick={toPassword}>
                改用查询密码登录
              </Button>
              )
            : null}
          <Button
            className='sms-login-btn' type='primary' fill={platform ? 'outline' : 'solid'} size='large' block
            loading={busyIn('sms')} onClick={() => { void loginWithSms() }} label={platform ? '手机号验证码登录' : '手机验证码登录'}
          >
            {platform ? '手机号验证码登录' : '登录'}
          </Button>
          </TabPanel>
        </TabPane>
        <TabPane className='password-pane' value='password' title='查询密码登录'>
          <TabPanel idPrefix='login' value='password' active={tab === 'password'}>
          <View className='login-form'>
            <FormField label='身份证号或医保卡号' inputId={`${ids}-identifier`} className='identifier-field' invalid={passwordTies.identifier.invalid}>
              <Input
                className='identifier-input' type='text' maxLength={32} clearable placeholder='18 位身份证号或卡号'
                value={identifier} onChange={edit(setIdentifier)}
                {...fieldInput(`${ids}-identifier`, '身份证号或医保卡号', passwordTies.identifier)}
              />
            </FormField>
            <FormField label='查询密码' inputId={`${ids}-password`} className='password-field' invalid={passwordTies.password.invalid}>
              <Input
                className='password-input' type='password' maxLength={6} placeholder='6 位数字'
                value={password} formatter={digitsOnly} onChange={edit(setPassword)}
                {...fieldInput(`${ids}-password`, '查询密码', passwordTies.password, `${ids}-password-hint`)}
              />
            </FormField>
          </View>
          <View id={`${ids}-password-hint`} className='password-hint'>
            <Text className='form-line'>查询密码是办理医保卡时设置的 <Text className='keep-whole'>6 位数字。</Text></Text>
            <Text className='form-line'>连续输错 5 次会锁定 30 分钟。</Text>
          </View>
          <FormError id={passwordErrorId} message={errorOf('password')} className={errorClass} />
          <Button
            className='password-login-btn' type='primary' fill={platform ? 'outline' : 'solid'} size='large' block
            loading={busyIn('password')} onClick={() => { void loginWithPassword() }} label='查询密码登录'
          >
            登录
          </Button>
          <View className='forgot-row'>
            <Text className='forgot-password-link' {...a11y('link', FORGOT)} {...pressable(forgotPassword)} onClick={forgotPassword}>
              <Text className='keep-whole'>忘记密码？</Text><Text className='keep-whole'>用身份证号和短信验证码重新设置</Text>
            </Text>
          </View>
          </TabPanel>
        </TabPane>
      </Tabs>
      <Text className='privacy-line'>您的医保信息受到保护：仅您本人登录后可以查看，姓名、证件号、手机号均只显示部分内容。</Text>
      </View>
      <PrivacyGate blocking />
    </PageRoot>
  )
}

export default observer(LoginPage)
