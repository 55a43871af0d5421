// 登录: one-tap platform login where the platform offers it, phone + SMS code everywhere, then back to 首页.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Divider, Input } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../stores/index'
import './index.scss'

const PLATFORM_BUTTON: Record<'wechat' | 'alipay', string> = {
  wechat: '微信一键登录',
  alipay: '支付宝一键登录',
}

function backToHome () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: '/pages/index/index' })
}

function LoginPage () {
  const { session } = rootStore
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const platform = session.platformLogin

  const sendCode = () => { void session.requestSmsCode(phone) }
  const loginWithSms = async () => { if (await session.loginWithSms(phone, code)) backToHome() }
  const loginWithPlatform = async () => { if (await session.loginWithPlatform()) backToHome() }

  return (
    <View className='login-page'>
      <Text className='login-title'>登录医保账户</Text>
      <Text className='login-subtitle'>登录后查看您本人的医保个人账户</Text>
      {platform
        ? (
          <>
            <Button className='platform-login-btn' type='primary' size='large' block loading={session.loggingIn} onClick={loginWithPlatform}>
              {PLATFORM_BUTTON[platform]}
            </Button>
            <Divider className='login-divider'>或使用手机号验证码登录</Divider>
          </>
          )
        : null}
      <View className='login-form'>
        <Input
          className='phone-input' type='number' maxLength={11} clearable placeholder='请输入手机号'
          value={phone} onChange={(value) => { setPhone(value); session.clearError() }}
        />
        <View className='code-row'>
          <Input
            className='code-input' type='number' maxLength={6} placeholder='请输入 6 位验证码'
            value={code} onChange={(value) => { setCode(value); session.clearError() }}
          />
          <Button
            className='send-code-btn' type='primary' fill='outline' size='small'
            disabled={!session.canRequestSmsCode} loading={session.smsSending} onClick={sendCode}
          >
            {session.cooldownSeconds > 0 ? `${session.cooldownSeconds}秒后重新获取` : '获取验证码'}
          </Button>
        </View>
      </View>
      {session.smsSentTo ? <Text className='sms-sent'>验证码已发送至 {session.smsSentTo}，5 分钟内有效</Text> : null}
      {session.error ? <Text className='login-error'>{session.error}</Text> : null}
      <Button
        className='sms-login-btn' type='primary' fill={platform ? 'outline' : 'solid'} size='large' block
        loading={session.loggingIn} onClick={loginWithSms}
      >
        {platform ? '手机号验证码登录' : '登录'}
      </Button>
      <Text className='privacy-line'>您的医保信息受到保护：仅您本人登录后可以查看，姓名、证件号、手机号均只显示部分内容。</Text>
    </View>
  )
}

export default observer(LoginPage)
