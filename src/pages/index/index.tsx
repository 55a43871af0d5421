// 首页: who is insured where, the balance, the ways into the account; signed out, what the app does and a login.
// First the privacy policy (before login) and the separate consent to sensitive information (before any account data).
// 扫一扫 (signed in or out) reads a hospital's QR code or a family member's link; an entry that could not be read
// lands here with one sentence.
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidHide } from '@tarojs/taro'
import { Button, Cell, CellGroup, Skeleton } from '@nutui/nutui-react-taro'
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
import { a11y, button } from '../../components/a11y'
import { BALANCE_PAGE, CONTRIBUTIONS_PAGE, SPENDING_PAGE, CLAIMS_PAGE, MY_SHARES_PAGE } from '../../routes'
import PageRoot from '../PageRoot'
import './index.scss'

function HomePage () {
  const { session, account, consent, entry } = rootStore
  const [pasting, setPasting] = useState(false)
  const [pasteError, setPasteError] = useState<string | null>(null)

  useAccountPage()
  // The sentence for an entry that could not be read is shown until the person leaves 首页: once.
  useDidHide(() => { entry.takeNotice() })
  const summary = account.summary

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
  // NutUI's Cell drops ARIA props: the group's wrapper carries the role and the name.
  const scanEntry = (
    <View {...button(() => { void scan() }, '扫一扫：扫医院的二维码，查看报销窗口和我在那里的消费、报销')}>
      <CellGroup className='home-entries'>
        <Cell className='entry-scan' title='扫一扫' description='扫医院的二维码，看报销窗口和我在那里的消费、报销' extra='›' clickable onClick={() => { void scan() }} />
      </CellGroup>
    </View>
  )

  const skeleton = <Skeleton className='home-skeleton' rows={4} animated />
  const logout = <Button className='logout-btn' fill='none' block onClick={() => { void session.logout() }}>退出登录</Button>

  let body
  if (!session.restored || !consent.localRead) {
    body = skeleton
  } else if (!session.signedIn) {
    body = (
      <>
        {session.notice ? <Text className='page-notice'>{session.notice}</Text> : null}
        <View className='home-intro'>
          <Text className='intro-title'>查看您的医保个人账户</Text>
          <Text className='intro-text'>登录后，您可以随时查看医保个人账户的余额，以及每月缴费、在医院和药店的花费、报销办到了哪一步。</Text>
          <Text className='intro-privacy'>您的信息受到保护，姓名、证件号等只显示部分内容。</Text>
        </View>
        {consent.privacyAccepted
          ? <Button className='login-entry-btn' type='primary' size='large' block onClick={toLogin}>登录查看</Button>
          : <PrivacyDeclined declined={consent.privacyDeclined} onRead={consent.reconsiderPrivacy} />}
        {scanEntry}
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
    body = (
      <AccountLoadFailed
        message={account.error?.message ?? ''} needsBinding={account.needsBinding} needsVerification={account.needsVerification}
        loading={account.loading} onBind={toBind} onVerify={toVerify} onRetry={() => { void account.load() }}
      />
    )
  } else {
    body = (
      <>
        <View className='home-card'>
          <Text className='masked-name'>{summary.maskedName}</Text>
          <Text className='home-meta'>
            <Text className='region-name'>{summary.region.name}</Text>
            <Text className='insurance-type'>{summary.insuranceTypeName}</Text>
          </Text>
          {summary.hasPersonalAccount
            ? (
              <>
                <Text className='balance-label'>个人账户余额</Text>
                <AmountText className='balance-amount' fen={summary.balanceFen} />
              </>
              )
            : <ResidentNote className='home-resident-note' />}
          <Text className='as-of'>{formatAsOf(summary.asOf)}</Text>
        </View>
        <CellGroup className='home-entries'>
          <Cell className='entry-balance' title='账户余额' extra='查看' clickable onClick={() => { void Taro.navigateTo({ url: BALANCE_PAGE }) }} />
          <Cell className='entry-contributions' title='缴费记录' extra='查看' clickable onClick={() => { void Taro.navigateTo({ url: CONTRIBUTIONS_PAGE }) }} />
          <Cell className='entry-spending' title='消费记录' extra='查看' clickable onClick={() => { void Taro.navigateTo({ url: SPENDING_PAGE }) }} />
          <Cell className='entry-claims' title='报销进度' extra='查看' clickable onClick={() => { void Taro.navigateTo({ url: CLAIMS_PAGE }) }} />
          <Cell className='entry-shares' title='我的分享' description='分享给家人的报销进度，可随时撤回' extra='查看' clickable onClick={() => { void Taro.navigateTo({ url: MY_SHARES_PAGE }) }} />
        </CellGroup>
        {scanEntry}
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
