// The privacy dialog on the pages that lead to login (首页, 登录) and on the pages that open WeChat's face check or
// SOTER (身份验证, 实名绑定): on first run, after the policy changed, and when
// WeChat's own privacy prompt fires (wx.onNeedPrivacyAuthorization, registered in app.ts). `blocking`: the page
// is a login form, so it stays covered, with a kind explanation, until the policy is agreed.
import { useEffect } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../stores/index'
import { privacyAgreeOpenType } from '../platform/privacy'
import PrivacyDialog from '../components/PrivacyDialog'
import PrivacyDeclined from '../components/PrivacyDeclined'
import Button from '../components/Button'
import { HOME_PAGE } from '../routes'
import './PrivacyGate.scss'

function backToHome () {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function PrivacyGate ({ blocking = false }: { blocking?: boolean }) {
  const { consent } = rootStore
  const visible = consent.showPrivacyDialog
  const asking = consent.platformAsking

  useEffect(() => { void consent.prepare() }, [consent])
  // WeChat likes to hear that the app's own dialog is on screen for its prompt (exposureAuthorization).
  useEffect(() => { if (visible && asking) consent.platformDialogShown() }, [consent, visible, asking])

  return (
    <>
      {blocking && !consent.privacyAccepted
        ? (
          <View className='privacy-cover'>
            <PrivacyDeclined declined={consent.privacyDeclined} onRead={consent.reconsiderPrivacy}>
              <Button className='privacy-back-btn' fill='outline' size='large' block onClick={backToHome}>返回首页</Button>
            </PrivacyDeclined>
          </View>
          )
        : null}
      <PrivacyDialog
        visible={visible} document={consent.privacyDocument} loadError={consent.documentsError} updated={consent.privacyUpdated}
        agreeOpenType={privacyAgreeOpenType ?? undefined}
        onAgree={(buttonId) => { void consent.agreePrivacy(buttonId) }} onDisagree={consent.disagreePrivacy}
        onRetry={() => { void consent.loadDocuments() }}
      />
    </>
  )
}

export default observer(PrivacyGate)
