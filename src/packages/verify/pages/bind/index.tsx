// 实名绑定: a WeChat / Alipay login not yet tied to anyone. Step 1: name and ID number as on the ID card (checked
// against the insured-person record). Step 2: prove it — face check where the platform offers it (tips first),
// else an SMS code to the phone on file (also after two face checks that did not pass). Then back, verified, to the
// page that led to login (首页, or the hospital page a QR code opened).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import { Button, Input, Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { BindingStore } from '../../stores/binding-store'
import FaceTips from '../../../../components/FaceTips'
import PrivacyGate from '../../../../pages/PrivacyGate'
import SmsCodeField from '../../../../components/SmsCodeField'
import Hotline from '../../../../components/Hotline'
import { button, heading, inputName } from '../../../../components/a11y'
import { HOME_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

// Created here, so that the binding code stays in this subpackage; one per page visit.
const newStore = () => new BindingStore(rootStore.api.binding, rootStore.session, rootStore.platform.face, rootStore.clock)

/** Back to the page that sent the person to log in (首页, or a hospital's page opened from its QR code), else 首页. */
function toHome () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function BindPage () {
  const { session } = rootStore
  const [binding] = useState(newStore)
  const [loaded, setLoaded] = useState(false)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [code, setCode] = useState('')

  useLoad(() => {
    void (async () => {
      await session.restore()
      if (session.signedIn && !session.bound) await binding.begin()
      setLoaded(true)
    })()
  })
  useUnload(() => binding.dispose())

  const edit = (set: (value: string) => void) => (value: string) => { set(value); binding.clearError() }
  const start = () => { void binding.start(name, idNumber) }
  const sendCode = () => { void binding.requestCode() }
  const submitCode = async () => { if (await binding.submitCode(code)) toHome() }
  const startFace = async () => { if (await binding.startFace()) toHome() }
  const platformName = binding.face.platform === 'alipay' ? '支付宝' : '微信'
  const submitNow = () => { void submitCode() }
  const state = binding.state

  let body
  if (!loaded) {
    body = <Skeleton className='bind-skeleton' rows={4} animated />
  } else if (!session.signedIn || session.bound) {
    body = (
      <View className='bind-note'>
        <Text className='bind-note-title' {...heading(1)}>实名绑定</Text>
        <Text className='bind-note-text'>
          {session.signedIn ? '您的账号已经绑定了参保人，可以直接查看医保账户。' : '请先登录，再完成实名绑定。'}
        </Text>
        <Button className='bind-home-btn' type='primary' size='large' block onClick={toHome} {...button(toHome)}>返回首页</Button>
      </View>
    )
  } else if (!state) {
    body = (
      <>
        <View className='bind-intro'>
          <Text className='bind-title' {...heading(1)}>第一次使用，请先实名绑定</Text>
          <Text className='bind-text'>请填写参保人本人身份证上的姓名和号码。我们会与医保登记的信息核对，再请您刷脸或用短信验证码确认是本人。绑定后，用这个{platformName}账号就能查看您的医保账户。</Text>
        </View>
        <View className='bind-form'>
          <Input
            className='bind-name-input' type='text' maxLength={30} clearable placeholder='身份证上的姓名'
            value={name} onChange={edit(setName)} {...inputName('姓名')}
          />
          <Input
            className='bind-id-input' type='idcard' maxLength={18} clearable placeholder='18 位身份证号'
            value={idNumber} onChange={edit(setIdNumber)} {...inputName('身份证号')}
          />
        </View>
        {binding.error ? <Text className={binding.locked ? 'bind-error bind-error-locked' : 'bind-error'}>{binding.error}</Text> : null}
        <Button className='bind-start-btn' type='primary' size='large' block loading={binding.submitting} onClick={start} {...button(start)}>
          下一步
        </Button>
      </>
    )
  } else {
    body = (
      <>
        <View className='bind-matched'>
          <Text className='bind-matched-title' {...heading(1)}>已找到您的参保信息</Text>
          <Text className='bind-matched-line'>姓名 {state.nameMasked}</Text>
          <Text className='bind-matched-line'>身份证号 {state.idNumberMasked}</Text>
          <Text className='bind-restart-link' {...button(binding.restart)} onClick={binding.restart}>信息不对？重新填写</Text>
        </View>
        {binding.faceOffered
          ? (
            <FaceTips
              className='bind-face' platformName={platformName} running={binding.faceRunning}
              action={state.faceFailures > 0 ? '再刷一次' : '开始刷脸'} onStart={startFace}
            />
            )
          : null}
        {binding.faceOffered && !binding.smsOpen && binding.smsReason ? <Text className='bind-sms-later'>{binding.smsReason}</Text> : null}
        {binding.smsOpen
          ? (
            <>
              {binding.faceOffered ? <Text className='bind-or'>或者用短信验证码完成绑定</Text> : null}
              <Text className='bind-phone'>验证码将发送到参保登记的手机 {state.phoneMasked}</Text>
              <View className='bind-form'>
                <SmsCodeField
                  classPrefix='bind' value={code} onChange={edit(setCode)} seconds={binding.cooldownSeconds}
                  canSend={binding.canRequestCode} sending={binding.sending} onSend={sendCode}
                />
              </View>
              {binding.codeNotice ? <Text className='bind-code-sent'>{binding.codeNotice}</Text> : null}
            </>
            )
          : null}
        {binding.error ? <Text className='bind-error'>{binding.error}</Text> : null}
        {binding.smsOpen
          ? (
            <Button
              className='bind-submit-btn' type='primary' size='large' block loading={binding.submitting}
              onClick={submitCode} {...button(submitNow)}
            >
              完成绑定
            </Button>
            )
          : null}
      </>
    )
  }

  return (
    <PageRoot className='bind-page'>
      {body}
      <View className='bind-help'>
        <Text>登记的手机号已不再使用，或信息核对不上？请携带身份证到参保地医保经办机构办理，也可以打电话咨询：</Text>
        <Hotline />
      </View>
      {/* WeChat asks for the privacy agreement before its face check if it has not heard it yet. */}
      <PrivacyGate />
    </PageRoot>
  )
}

export default observer(BindPage)
