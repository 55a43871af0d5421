// 分享给家人 (?claim=<id>): the owner, signed in and verified, chooses how long the link lives, whether amounts show and
// whom it is for, reading in one sentence what the recipient will see; 生成分享 makes one grant for one recipient,
// handed over the way this build can (WeChat: a chat card, private where possible; Alipay: the share panel; H5: the
// link, copied, and its QR code); then 再分享给另一位家人 or 查看我的分享.
import { useEffect } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useRouter, useShareAppMessage, useUnload } from '@tarojs/taro'
import { Input, Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import { TONE_TAG_TYPES, stageTone } from '../../../../stores/claim-stages'
import AccountGate from '../../../../pages/AccountGate'
import LoadFailed from '../../../../components/LoadFailed'
import { useAccountPage } from '../../../../pages/account-page'
import { shareCreateStore } from '../../stores/wiring'
import { DURATIONS, LABEL_MAX, LABEL_SUGGESTIONS, type ShareCreateStore } from '../../stores/share-create-store'
import ChoiceGroup from '../../components/ChoiceGroup'
import { a11y, button, heading, inputName } from '../../../../components/a11y'
import { StageTag } from '../../../../components/ClaimProgress'
import { CLAIMS_PAGE, MY_SHARES_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

const AMOUNT_CHOICES = [
  { value: 'hide', label: '不显示金额' },
  { value: 'show', label: '显示金额' },
] as const

// The recipient field's visible label, which is also its spoken name (the placeholder goes away as one types).
const RECIPIENT_LABEL = '发给谁（选填，只有您能看到）'

function ShareCreatePage () {
  const { params } = useRouter()
  const store = shareCreateStore(params.claim)
  const { session, consent } = rootStore

  useAccountPage()
  const may = session.signedIn && consent.mayShowAccount
  // Read again after a verification (the first read may have been refused for want of one).
  useEffect(() => { if (may) void store.ensureLoaded() }, [may, store, session.token, session.verifiedUntil])
  // The card: the grant's path with its token, a title and picture with nothing personal on them.
  useShareAppMessage(() => store.card)
  // Coming back to 分享给家人 starts a new grant: one recipient's link (and WeChat's private mark, which belongs to
  // this page opening) is never offered to the next.
  useUnload(store.another)

  const claim = store.claim
  // A claim that is not the person's (or no id): the sentence and the way back to the list, not a retry.
  const notFound = store.error?.code === 'not_found'
  let body
  if (notFound) {
    body = (
      <LoadFailed message={store.error?.message ?? ''}>
        <Button className='share-claims-btn' type='primary' onClick={() => { void Taro.redirectTo({ url: CLAIMS_PAGE }) }}>查看报销进度</Button>
      </LoadFailed>
    )
  } else if (!claim) {
    body = <Skeleton className='page-skeleton' rows={8} animated />
  } else {
    const tone = stageTone(claim.stage)
    body = (
      <>
        <View className='share-claim'>
          <Text className='share-claim-lead'>分享这笔报销的办理进度</Text>
          <Text className='share-claim-title' {...heading(1)}>{claim.title}</Text>
          <View className='share-claim-stage'>
            <StageTag className='share-stage' tone={tone} tagType={TONE_TAG_TYPES[tone]} stage={claim.stageName} />
          </View>
        </View>
        {store.created ? <Handover store={store} /> : <Choices store={store} />}
      </>
    )
  }

  return (
    <PageRoot className='share-create-page'>
      <AccountGate what='分享给家人' signedOutMessage='登录后才能分享给家人' error={notFound ? null : store.error} loading={store.loading} onRetry={() => { void store.load() }}>
        {body}
      </AccountGate>
    </PageRoot>
  )
}

/** The owner's choices, the sentence that follows them, and 生成分享. */
const Choices = observer(function Choices ({ store }: { store: ShareCreateStore }) {
  return (
    <>
      <View className='share-card share-choices'>
        <ChoiceGroup className='duration' title='多久内有效' options={DURATIONS} value={store.duration} onChange={store.setDuration} />
        <ChoiceGroup
          className='amounts' title='家人能否看到金额' options={AMOUNT_CHOICES} value={store.showAmounts ? 'show' : 'hide'}
          onChange={(v) => store.setShowAmounts(v === 'show')}
        />
        <View className='share-recipient'>
          <Text className='choice-title'>{RECIPIENT_LABEL}</Text>
          <Input
            className='recipient-input' value={store.recipientLabel} maxLength={LABEL_MAX} placeholder='如：女儿、老伴'
            onChange={store.setRecipientLabel} clearable {...inputName(RECIPIENT_LABEL)}
          />
          <View className='recipient-suggestions'>
            {LABEL_SUGGESTIONS.map((s) => (
              <Text key={s} className='recipient-suggestion' {...button(() => store.setRecipientLabel(s), `备注为${s}`)} onClick={() => store.setRecipientLabel(s)}>{s}</Text>
            ))}
          </View>
        </View>
      </View>

      <View className='share-sentence' {...a11y('status')} aria-live='polite'>
        <Text className='share-sentence-label'>家人会看到什么</Text>
        <Text className='share-sentence-text'>{store.sentence}</Text>
      </View>

      {store.createError ? <Text className='page-notice share-create-error'>{store.createError}</Text> : null}
      <View className='share-actions'>
        <Button className='share-create-btn' type='primary' size='large' block loading={store.creating} disabled={store.creating} onClick={() => { void store.create() }}>
          生成分享
        </Button>
        <Text className='share-actions-hint'>每位家人单独生成一份，以后可以单独撤回</Text>
      </View>
    </>
  )
})

/** The grant made: how this build hands it over, then the next steps. */
const Handover = observer(function Handover ({ store }: { store: ShareCreateStore }) {
  // What the last tap did (copied, or the panel would not open), right under the button that was tapped.
  const notice = store.notice
    ? <Text className={`share-notice share-notice--${store.notice.tone}`} {...a11y('status')}>{store.notice.text}</Text>
    : null
  let how
  if (store.way === 'card') {
    how = (
      <>
        <Text className='handover-hint'>
          {store.privateCard
            ? '点下面的按钮，选一位家人发送。这张卡片只能在收到的聊天里打开，不能再转发给别人。'
            : '点下面的按钮，选一位家人发送。请只发给这一位家人。'}
        </Text>
        <Button className='share-send-btn' type='primary' size='large' block openType='share' disabled={!store.ready} loading={!store.ready}>
          发给家人
        </Button>
      </>
    )
  } else if (store.way === 'panel') {
    how = (
      <>
        <Text className='handover-hint'>点下面的按钮，在分享面板里选一位家人发送。请只发给这一位家人。</Text>
        <Button className='share-send-btn' type='primary' size='large' block onClick={() => { void store.openPanel() }}>发给家人</Button>
        {notice}
      </>
    )
  } else {
    how = (
      <>
        <Text className='handover-hint'>把链接发给家人，或者请站在您身边的家人用手机扫一扫下面的二维码。</Text>
        <Text className='share-link' userSelect>{store.link ?? ''}</Text>
        <Button className='share-copy-btn' type='primary' size='large' block onClick={() => { void store.copyLink() }}>复制链接</Button>
        {notice}
        {store.qr
          ? (
            <View className='share-qr'>
              <Image className='share-qr-image' src={store.qr} mode='aspectFit' {...a11y('img', '分享链接的二维码')} />
              <Text className='share-qr-caption'>家人用手机扫一扫，就能看到这笔报销的进度</Text>
            </View>
            )
          : null}
      </>
    )
  }

  return (
    <>
      <View className='share-card share-done'>
        <Text className='share-done-title'>分享已生成</Text>
        <Text className='share-sentence-text share-done-summary'>{store.sentence}</Text>
        {how}
      </View>
      <View className='share-actions'>
        <Button className='share-another-btn' type='primary' fill='outline' size='large' block onClick={store.another}>再分享给另一位家人</Button>
        <Button className='share-mine-btn' fill='none' block onClick={() => { void Taro.navigateTo({ url: MY_SHARES_PAGE }) }}>查看我的分享</Button>
      </View>
    </>
  )
})

export default observer(ShareCreatePage)
