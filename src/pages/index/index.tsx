// 首页: who is insured where, the balance (the card opens 账户余额), the ways into the account as rows with marks, and
// 长辈模式's switch; signed out, what the app does and a login. A resident, who has no personal account, is offered
// no balance: their card opens the same page at its 参保状态.
// First the privacy policy (before login) and the separate consent to sensitive information (before any account data).
// 扫一扫 (signed in or out) reads a hospital's QR code or a family member's link; an entry that could not be read
// lands here with one sentence.
import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide } from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../stores/index'
import AmountText from '../../components/AmountText'
import ResidentNote from '../../components/ResidentNote'
import AccountLoadFailed from '../../components/AccountLoadFailed'
import ConsentPanel from '../../components/ConsentPanel'
import PrivacyDeclined from '../../components/PrivacyDeclined'
import PrivacyGate from '../PrivacyGate'
import { toBind, toLogin, toVerify, useAccountPage } from '../account-page'
import { formatAsOf } from '../../utils/date'
import { scanner } from '../../platform/scan'
import { parseScan } from '../../platform/entry-parse'
import { followEntry } from '../entry-route'
import PasteLinkDialog from '../../components/PasteLinkDialog'
import { a11y, button, heading, pressable } from '../../components/a11y'
import TapRow from '../../components/TapRow'
import { BALANCE_PAGE, CONTRIBUTIONS_PAGE, SPENDING_PAGE, CLAIMS_PAGE, MY_SHARES_PAGE, PRIVACY_SETTINGS_PAGE } from '../../routes'
import PageRoot from '../PageRoot'
import './index.scss'

// setTimeout's longest wait (about 24.8 days); a window is minutes long, but a stored date could say anything.
const MAX_TIMER_MS = 2_147_000_000

const go = (url: string) => () => { void Taro.navigateTo({ url }) }

/** What a person finds under 缴费记录, in the words of their own kind of insurance. */
function contributionsLine (type: 'employee' | 'retiree' | 'resident'): string {
  if (type === 'retiree') return '每月划入个人账户的钱'
  if (type === 'resident') return '每年的居民医保缴费'
  return '每月缴费和计入个人账户的钱'
}

type IconName = 'contributions' | 'spending' | 'claims' | 'shares' | 'scan' | 'settings' | 'elder'

/** An entry's mark: a white line drawing on a coloured disc, hidden from screen readers (the title names the entry). */
function HomeIcon ({ name, tone }: { name: IconName, tone: 'blue' | 'orange' | 'teal' | 'violet' | 'green' | 'grey' }) {
  return <View className={`home-icon home-icon-${name} home-tone-${tone}`} />
}

/** 长辈模式 on or off: a switch a screen reader announces as one, remembered on this device. */
function ElderSwitch ({ on, onChange }: { on: boolean, onChange: (on: boolean) => void }) {
  const toggle = () => onChange(!on)
  return (
    <View
      className='tap-row elder-switch' onClick={toggle}
      {...a11y('switch', '长辈模式：字更大，按钮更大')} aria-checked={on ? 'true' : 'false'} {...pressable(toggle)}
    >
      <View className='tap-row-icon' aria-hidden='true'><HomeIcon name='elder' tone='grey' /></View>
      <View className='tap-row-body'>
        <Text className='tap-row-title'>长辈模式</Text>
        <Text className='tap-row-description'>字更大，按钮更大</Text>
      </View>
      <View className={on ? 'switch-track switch-on' : 'switch-track'} aria-hidden='true'><View className='switch-knob' /></View>
    </View>
  )
}

function HomePage () {
  const { session, account, consent, entry, display } = rootStore
  const [pasting, setPasting] = useState(false)
  const [pasteError, setPasteError] = useState<string | null>(null)

  useAccountPage()
  // The sentence for an entry that could not be read is shown until the person leaves 首页: once.
  useDidHide(() => { entry.takeNotice() })
  const summary = account.summary
  // The verification window ends while 首页 is open (or ended while it was hidden): the balance goes then, and
  // 首页 shows what every other account page shows — 去验证.
  const verifiedUntil = session.verifiedUntil
  useEffect(() => {
    if (!summary || !verifiedUntil) return
    const wait = Date.parse(verifiedUntil) - Date.now()
    if (!(wait > 0)) {
      account.verificationLapsed()
      return
    }
    const timer = setTimeout(account.verificationLapsed, Math.min(wait, MAX_TIMER_MS))
    return () => clearTimeout(timer)
  }, [summary, verifiedUntil, account])

  // 扫一扫: the camera where the platform has one (a cancel does nothing), else paste a link (H5).
  const scan = async () => {
    if (!scanner.camera) {
      setPasteError(null)
      setPasting(true)
      return
    }
    const outcome = await scanner.scan()
    if (outcome === 'cancelled') return
    const route = typeof outcome === 'object' ? entry.scanned(parseScan(outcome.content)) : entry.scanFailed()
    if (route) followEntry(route)
  }
  const openPasted = (text: string) => {
    const route = entry.scanned(parseScan({ result: text }, 'paste'))
    if (route) {
      setPasting(false)
      followEntry(route)
    } else {
      setPasteError(entry.takeNotice())
    }
  }
  const scanEntry = (
    <TapRow
      className='entry-scan' icon={<HomeIcon name='scan' tone='green' />} title='扫一扫'
      description='扫医院的二维码，看报销窗口和我在那里的消费、报销' onPress={() => { void scan() }}
    />
  )
  // 设置: 长辈模式 and 隐私与授权 (where the consent texts send people), signed in or out.
  const settings = (
    <>
      <Text className='home-section-title' {...heading(2)}>设置</Text>
      <View className='home-entries'>
        <ElderSwitch on={display.elder} onChange={(on) => { void display.setElder(on) }} />
        <TapRow
          className='entry-privacy' icon={<HomeIcon name='settings' tone='grey' />} title='隐私与授权'
          description='查看、重新阅读或撤回您的授权' onPress={go(PRIVACY_SETTINGS_PAGE)}
        />
      </View>
    </>
  )

  const skeleton = <Skeleton className='home-skeleton' rows={4} animated />
  const signOut = () => { void session.logout() }
  const logout = <Button className='logout-btn' fill='none' block onClick={signOut}>退出登录</Button>

  let body
  if (!session.restored || !consent.localRead) {
    body = skeleton
  } else if (!session.signedIn) {
    body = (
      <>
        {session.notice ? <Text className='page-notice'>{session.notice}</Text> : null}
        <View className='home-intro'>
          <Text className='intro-title' {...heading(1)}>查看您的医保个人账户</Text>
          <Text className='intro-text'>登录后，您可以随时查看医保个人账户的余额，以及每月缴费、在医院和药店的花费、报销办到了哪一步。</Text>
          <Text className='intro-privacy'>您的信息受到保护，姓名、证件号等<Text className='keep-whole'>只显示部分内容。</Text></Text>
        </View>
        {consent.privacyAccepted
          ? <Button className='login-entry-btn' type='primary' size='large' block onClick={toLogin}>登录查看</Button>
          : <PrivacyDeclined declined={consent.privacyDeclined} onRead={consent.reconsiderPrivacy} />}
        <View className='home-entries'>
          {scanEntry}
        </View>
        {settings}
      </>
    )
  } else if (!consent.status) {
    body = consent.statusError
      ? (
        <AccountLoadFailed
          message={consent.statusError} needsBinding={false} needsVerification={false} loading={consent.statusLoading}
          onBind={toBind} onVerify={toVerify} onRetry={() => { void consent.loadStatus() }}
        />
        )
      : skeleton
  } else if (!consent.privacyAccepted) {
    body = <><PrivacyDeclined declined={consent.privacyDeclined} onRead={consent.reconsiderPrivacy} />{logout}</>
  } else if (!consent.sensitiveAccepted) {
    body = (
      <>
        <ConsentPanel
          document={consent.sensitiveDocument} loadError={consent.documentsError} declined={consent.sensitiveDeclined}
          saving={consent.saving} error={consent.error} onAgree={() => { void consent.agreeSensitive() }}
          onDecline={consent.declineSensitive} onReconsider={consent.reconsiderSensitive} onRetry={() => { void consent.loadDocuments() }}
        />
        {logout}
      </>
    )
  } else if (!summary && !account.error) {
    body = skeleton
  } else if (!summary) {
    // The account cannot be shown (verify first, bind, or retry): the rest of 首页 stays — 扫一扫, 长辈模式,
    // 隐私与授权 and 退出登录 need no account.
    body = (
      <>
        <AccountLoadFailed
          message={account.error?.message ?? ''} needsBinding={account.needsBinding} needsVerification={account.needsVerification}
          loading={account.loading} onBind={toBind} onVerify={toVerify} onRetry={() => { void account.load() }}
        />
        <View className='home-entries'>
          {scanEntry}
        </View>
        {settings}
        {logout}
      </>
    )
  } else {
    const openBalance = go(BALANCE_PAGE)
    const asOf = formatAsOf(summary.asOf)
    const identity = (
      <>
        <Text className='masked-name' {...heading(1)}>{summary.maskedName}</Text>
        <Text className='home-meta'>
          <Text className='region-name'>{summary.region.name}</Text>
          <Text className='insurance-type'>{summary.insuranceTypeName}</Text>
        </Text>
      </>
    )
    body = (
      <>
        {summary.hasPersonalAccount
          ? (
            // A tap anywhere on the card opens 账户余额; to a screen reader the card reads as its lines (the amount
            // in words) and ends with the button that says where it leads (the tap on it reaches the card).
            <View className='home-card home-card-link' onClick={openBalance}>
              {identity}
              <Text className='balance-label' aria-hidden='true'>个人账户余额</Text>
              <AmountText className='balance-amount' fen={summary.balanceFen} spoken='个人账户余额' />
              <Text className='as-of'>{asOf}</Text>
              <View className='card-more' {...button(openBalance)}>查看余额明细<Text aria-hidden='true'> ›</Text></View>
            </View>
            )
          : (
            // No balance to open; the same page says where the person stands this year (参保状态, the premium).
            <View className='home-card home-card-link' onClick={openBalance}>
              {identity}
              <ResidentNote className='home-resident-note' />
              <Text className='as-of'>{asOf}</Text>
              <View className='card-more' {...button(openBalance)}>查看参保状态<Text aria-hidden='true'> ›</Text></View>
            </View>
            )}
        <Text className='home-section-title' {...heading(2)}>常用服务</Text>
        <View className='home-entries'>
          <TapRow
            className='entry-contributions' icon={<HomeIcon name='contributions' tone='blue' />} title='缴费记录'
            description={contributionsLine(summary.insuranceType)} onPress={go(CONTRIBUTIONS_PAGE)}
          />
          <TapRow
            className='entry-spending' icon={<HomeIcon name='spending' tone='orange' />} title='消费记录'
            description='在医院和药店花了多少' onPress={go(SPENDING_PAGE)}
          />
          <TapRow
            className='entry-claims' icon={<HomeIcon name='claims' tone='teal' />} title='报销进度'
            description='报销办到了哪一步' onPress={go(CLAIMS_PAGE)}
          />
          <TapRow
            className='entry-shares' icon={<HomeIcon name='shares' tone='violet' />} title='我的分享'
            description='分享给家人的报销进度，可随时撤回' onPress={go(MY_SHARES_PAGE)}
          />
          {scanEntry}
        </View>
        {settings}
        {logout}
      </>
    )
  }

  return (
    <PageRoot className='home-page'>
      {entry.notice ? <Text className='page-notice entry-notice' {...a11y('alert')}>{entry.notice}</Text> : null}
      {body}
      <PrivacyGate />
      <PasteLinkDialog visible={pasting} error={pasteError} onOpen={openPasted} onEdit={() => setPasteError(null)} onClose={() => setPasting(false)} />
    </PageRoot>
  )
}

export default observer(HomePage)
