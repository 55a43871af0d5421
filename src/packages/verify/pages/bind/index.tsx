// 实名绑定: a WeChat / Alipay login not yet tied to anyone. Step 1: name and ID number as on the ID card (checked
// against the insured-person record). Step 2: prove it — face check where the platform offers it (tips first),
// else an SMS code to the phone on file (also after two face checks that did not pass). Then back, verified, to the
// page that led to login (首页, or the hospital page a QR code opened).
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useLoad, useUnload } from '@tarojs/taro'
import { Input, Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { BindingStore } from '../../stores/binding-store'
import FaceTips from '../../../../components/FaceTips'
import PrivacyGate from '../../../../pages/PrivacyGate'
import Button from '../../../../components/Button'
import SmsCodeField from '../../../../components/SmsCodeField'
import { clauses } from '../../../../components/clauses'
import FormField, { FormError, errorTies, fieldInput, useFieldPrefix } from '../../../../components/FormField'
import Hotline from '../../../../components/Hotline'
import { button, heading } from '../../../../components/a11y'
import { idNumberError, realNameError, smsCodeError } from '../../../../utils/validate'
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
  const ids = useFieldPrefix()

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
  // One error line per step, tied to the field it is about.
  const errorId = `${ids}-error`
  const errorClass = binding.locked ? 'bind-error bind-error-locked' : 'bind-error'

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
        <Button className='bind-home-btn' type='primary' size='large' block onClick={toHome}>返回首页</Button>
      </View>
    )
  } else if (!state) {
    const ties = errorTies(errorId, binding.error, { name: realNameError(name), idNumber: idNumberError(idNumber) })
    body = (
      <>
        <View className='bind-intro'>
          <Text className='bind-title' {...heading(1)}>第一次使用，请先实名绑定</Text>
          <Text className='bind-text'>请填写参保人本人身份证上的姓名和号码。我们会与医保登记的信息核对，再请您刷脸或用短信验证码确认是本人。绑定后，用这个{platformName}账号就能查看您的医保账户。</Text>
        </View>
        <View className='bind-form'>
          <FormField label='姓名' inputId={`${ids}-name`} className='bind-name-field' invalid={ties.name.invalid}>
            <Input
              className='bind-name-input' type='text' maxLength={30} clearable placeholder='与身份证上的一致'
              value={name} onChange={edit(setName)} {...fieldInput(`${ids}-name`, '姓名', ties.name)}
            />
          </FormField>
          <FormField label='身份证号' inputId={`${ids}-id`} className='bind-id-field' invalid={ties.idNumber.invalid}>
            <Input
              className='bind-id-input' type='idcard' maxLength={18} clearable placeholder='18 位，末位可能是 X'
              value={idNumber} onChange={edit(setIdNumber)} {...fieldInput(`${ids}-id`, '身份证号', ties.idNumber)}
            />
          </FormField>
        </View>
        <FormError id={errorId} message={binding.error} className={errorClass} />
        <Button className='bind-start-btn' type='primary' size='large' block loading={binding.submitting} onClick={start}>
          下一步
        </Button>
      </>
    )
  } else {
    const ties = errorTies(errorId, binding.smsOpen ? binding.error : null, { code: smsCodeError(code) })
    body = (
      <>
        <View className='bind-matched'>
          <Text className='bind-matched-title' {...heading(1)}>已找到您的参保信息</Text>
          <View className='bind-matched-line'>
            <Text className='bind-matched-key'>姓名</Text><Text className='bind-matched-value'>{state.nameMasked}</Text>
          </View>
          <View className='bind-matched-line'>
            <Text className='bind-matched-key'>身份证号</Text><Text className='bind-matched-value'>{state.idNumberMasked}</Text>
          </View>
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
              <Text id={`${ids}-phone`} className='bind-phone'>
                验证码将发送到参保登记的手机 <Text className='keep-whole'>{state.phoneMasked}</Text>
              </Text>
              <View className='bind-form'>
                <SmsCodeField
                  id={`${ids}-code`} classPrefix='bind' value={code} onChange={edit(setCode)} seconds={binding.cooldownSeconds}
                  canSend={binding.canRequestCode} sending={binding.sending} onSend={sendCode} error={ties.code}
                  hintId={binding.codeNotice ? `${ids}-phone ${ids}-code-sent` : `${ids}-phone`}
                />
              </View>
              {binding.codeNotice ? <Text id={`${ids}-code-sent`} className='bind-code-sent'>{clauses(binding.codeNotice)}</Text> : null}
            </>
            )
          : null}
        <FormError id={errorId} message={binding.error} className='bind-error' />
        {binding.smsOpen
          ? (
            <Button
              className='bind-submit-btn' type='primary' size='large' block loading={binding.submitting}
              onClick={submitNow}
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
