// 隐私与授权 (首页 › 设置): the privacy policy and the sensitive-information consent, each with its version and when
// it was given, its full text to reread, and 撤回同意 after a confirmation. Withdrawing the sensitive consent stops
// account data here and on the server; withdrawing the privacy policy signs the person out on this device and
// takes them to 首页, where the privacy dialog asks again.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useUnload } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import ConsentText from '../../../../components/ConsentText'
import LoadFailed from '../../../../components/LoadFailed'
import { a11y, heading } from '../../../../components/a11y'
import { toLogin } from '../../../../pages/account-page'
import PageRoot from '../../../../pages/PageRoot'
import { HOME_PAGE } from '../../../../routes'
import Button from '../../../../components/Button'
import ModalDialog from '../../../../components/ModalDialog'
import { privacySettingsStore } from '../../stores/wiring'
import type { ConsentRow } from '../../stores/privacy-settings-store'
import type { ConsentDocumentName } from '../../../../../types/api/consent'
import Hotline from '../../../../components/Hotline'
import './index.scss'

/** The 撤回同意 button of a document: the confirmation gives the focus back to it. */
const withdrawButtonId = (document: ConsentDocumentName) => `withdraw-${document}-btn`

/** 首页, where the consents are given: back to it when it is under this page, else opened afresh. */
const toHome = () => {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack()
  else void Taro.reLaunch({ url: HOME_PAGE })
}

function PrivacySettingsPage () {
  const store = privacySettingsStore()
  const { session } = rootStore

  useEffect(() => { void store.open() }, [store, session.token])
  useUnload(store.forgetNotice)

  const confirm = async () => {
    if (await store.confirmWithdraw() === 'signed-out') void Taro.reLaunch({ url: HOME_PAGE })
  }

  let body
  if (store.loading) {
    body = <Skeleton className='page-skeleton' rows={8} animated />
  } else if (store.loadError) {
    body = (
      <LoadFailed message={store.loadError}>
        <Button className='settings-retry-btn' type='primary' onClick={store.retry}>重试</Button>
      </LoadFailed>
    )
  } else {
    body = (
      <>
        {store.notice ? <Text className='settings-notice' {...a11y('status')}>{store.notice}</Text> : null}
        {store.signedIn
          ? null
          : (
            <View className='settings-signed-out'>
              <Text className='settings-signed-out-text'>登录后，可以在这里查看您同意的时间，或撤回同意。</Text>
              <Button className='login-entry-btn' type='primary' size='large' block onClick={toLogin}>去登录</Button>
            </View>
            )}
        {store.rows.map((row) => (
          <ConsentCard
            key={row.document} row={row} reading={store.reading === row.document} textsError={store.textsError}
            onRead={() => store.toggleReading(row.document)} onWithdraw={() => store.askWithdraw(row.document)} onRetry={store.retry}
          />
        ))}
        <Text className='settings-foot'>撤回同意不影响撤回前已经进行的处理。对您的个人信息有疑问，可以打电话问医保服务热线。</Text>
        <Hotline />
      </>
    )
  }

  const confirmation = store.confirmation
  const cancel = store.withdrawing ? undefined : store.cancelWithdraw
  return (
    <PageRoot className='privacy-settings-page'>
      <View className='settings-content'>
        <View className='settings-intro'>
          <Text className='settings-title' {...heading(1)}>隐私与授权</Text>
          <Text className='settings-lead'>这里是您同意过的内容。您可以随时重新阅读，也可以撤回同意。</Text>
        </View>
        {body}
      </View>
      <ModalDialog
        className='withdraw-dialog' visible={confirmation != null} title={confirmation?.title ?? ''}
        returnTo={confirmation ? withdrawButtonId(confirmation.document) : undefined} onClose={cancel}
      >
        {(confirmation?.lines ?? []).map((line, i) => <Text key={i} className='modal-dialog-line'>{line}</Text>)}
        {store.error ? <Text className='modal-dialog-error' {...a11y('alert')}>{store.error}</Text> : null}
        <Button
          className='modal-dialog-action withdraw-confirm-btn' type='primary' size='large' block loading={store.withdrawing} disabled={store.withdrawing}
          onClick={() => { void confirm() }}
        >
          {confirmation?.confirm ?? ''}
        </Button>
        <Button className='modal-dialog-action withdraw-cancel-btn' fill='outline' size='large' block disabled={store.withdrawing} onClick={store.cancelWithdraw}>
          {confirmation?.cancel ?? ''}
        </Button>
      </ModalDialog>
    </PageRoot>
  )
}

interface ConsentCardProps {
  row: ConsentRow
  reading: boolean
  textsError: string | null
  onRead: () => void
  onWithdraw: () => void
  onRetry: () => void
}

function ConsentCard ({ row, reading, textsError, onRead, onWithdraw, onRetry }: ConsentCardProps) {
  // Each name starts with the button's own words (what a voice-control user says), then which text it is about.
  const readLabel = reading ? `收起全文${row.title}` : `阅读全文${row.title}`
  let text = null
  if (reading) {
    if (row.sections) text = <ConsentText className='consent-card-text' sections={row.sections} />
    else if (textsError) {
      text = (
        <View className='consent-card-text'>
          <Text className='consent-load-error'>{textsError}</Text>
          <Button className='consent-text-retry-btn' fill='outline' onClick={onRetry}>重试</Button>
        </View>
      )
    } else text = <Skeleton className='consent-card-text' rows={4} animated />
  }
  return (
    <View className={`consent-card consent-card--${row.document}`}>
      <Text className='consent-card-title' {...heading(2)}>{row.title}</Text>
      <Text className='consent-card-purpose'>{row.purpose}</Text>
      <View className='consent-facts'>
        <View className='consent-fact consent-fact-version'>
          <Text className='consent-fact-label'>版本</Text>
          <Text className='consent-fact-value'>{row.version || '—'}</Text>
        </View>
        <View className='consent-fact consent-fact-given'>
          <Text className='consent-fact-label'>{row.accepted ? '同意时间' : '状态'}</Text>
          <Text className={row.accepted ? 'consent-fact-value' : 'consent-fact-value consent-fact-value--none'}>{row.given}</Text>
        </View>
      </View>
      <View className='consent-card-actions'>
        <Button
          className='consent-read-btn' fill='outline' type='primary' block label={readLabel} aria-expanded={reading ? 'true' : 'false'} onClick={onRead}
        >
          {reading ? '收起全文' : '阅读全文'}
        </Button>
      </View>
      {text}
      {row.withdrawable || row.agreeOnHome
        ? (
          <View className='consent-card-actions'>
            {row.withdrawable
              ? (
                <Button id={withdrawButtonId(row.document)} className='consent-withdraw-btn' fill='outline' block label={`撤回同意${row.title}`} onClick={onWithdraw}>
                  撤回同意
                </Button>
                )
              : <Button className='consent-agree-btn' type='primary' block label={`回到首页重新同意${row.title}`} onClick={toHome}>回到首页重新同意</Button>}
          </View>
          )
        : null}
    </View>
  )
}

export default observer(PrivacySettingsPage)
