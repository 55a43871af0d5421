// 医院: what a hospital's QR code opens. For everyone, the institution (name, level and kind, 医保定点, region,
// address), its claims desk (place, hours, a phone to tap) and what to bring; signed in, verified and consenting,
// the person's own spending and claims here this year. Unknown and revoked codes get a page that says so.
import { useCallback, useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Skeleton } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import LoadFailed from '../../../../components/LoadFailed'
import { a11y, button, pressable } from '../../../../components/a11y'
import { hospitalCodeFromQuery } from '../../../../platform/entry-parse'
import { callPhone } from '../../../../platform/phone'
import { hospitalStore } from '../../stores'
import MineSection from '../../components/MineSection'
import { HOME_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import './index.scss'

const toHome = () => { void Taro.reLaunch({ url: HOME_PAGE }) }
const entryHospitalCode = (): string | null => {
  const target = rootStore.entry.current?.target
  return target?.page === 'hospital' ? target.code : null
}

function HospitalPage () {
  const { session, consent } = rootStore
  // The page's own query: `code`, or the scene / q a QR code opened it with (never a code that is not well formed).
  // Alipay opens the rule's page with no query at all (the code is in the App's options): the entry the app just read.
  const [code] = useState(() => hospitalCodeFromQuery(Taro.getCurrentInstance().router?.params) ?? entryHospitalCode())
  const [firstPage] = useState(() => Taro.getCurrentPages().length <= 1)
  const store = hospitalStore(code)

  useEffect(() => { void store.ensureLoaded() }, [store])
  // The personal part: the stored session, then this holder's consents, then (once they allow) the figures, again
  // after a login, a binding or a verification.
  useEffect(() => {
    void (async () => {
      await session.restore()
      if (session.signedIn) await consent.ensureStatus()
    })()
  }, [session, consent, session.token])
  const may = session.signedIn && consent.mayShowAccount && store.entry != null
  const loadMine = useCallback(async () => {
    await store.loadMine()
    // 去验证 is offered in place; the verify page is not pushed over the hospital the person came to read.
    if (store.mineError?.code === 'verification_required') session.takeVerificationPrompt()
  }, [store, session])
  useEffect(() => { if (may) void loadMine() }, [may, loadMine, session.token, session.verifiedUntil, session.bound])

  const view = store.view
  const problem = store.problem
  const retry = () => { void store.load() }
  let body
  if (problem && problem.kind !== 'failed') {
    body = (
      <View className={`hospital-missing hospital-missing--${problem.kind}`}>
        <View className='empty-mark' aria-hidden='true'>{problem.kind === 'revoked' ? '!' : '?'}</View>
        <Text className='hospital-missing-title' {...a11y('heading')} aria-level='1'>{problem.title}</Text>
        <Text className='hospital-missing-text'>{problem.message}</Text>
        <Button className='hospital-home-btn' type='primary' size='large' block onClick={toHome}>返回首页</Button>
      </View>
    )
  } else if (problem) {
    body = (
      <LoadFailed message={problem.message}>
        <Button className='retry-btn' type='primary' loading={store.loading} onClick={retry}>重试</Button>
      </LoadFailed>
    )
  } else if (!view) {
    body = <Skeleton className='hospital-skeleton' rows={8} animated />
  } else {
    const call = () => { if (view.desk) void callPhone(view.desk.phone) }
    body = (
      <>
        <View className='hospital-card'>
          <Text className='hospital-name' {...a11y('heading')} aria-level='1'>{view.name}</Text>
          <View className='hospital-tags'>
            <Text className='hospital-tag hospital-grade'>{view.grade}</Text>
            <Text className={`hospital-tag ${view.designated ? 'hospital-designated' : 'hospital-not-designated'}`}>
              {view.designated ? '医保定点' : '非医保定点'}
            </Text>
          </View>
          <Text className='hospital-address'>{view.address}</Text>
        </View>

        <View className='hospital-section hospital-desk'>
          <Text className='section-title' {...a11y('heading')} aria-level='2'>医保报销窗口</Text>
          {view.desk
            ? (
              <View className='desk-rows'>
                <View className='desk-row desk-place'>
                  <Text className='desk-label'>地点</Text>
                  <Text className='desk-value'>{view.desk.place}</Text>
                </View>
                <View className='desk-row desk-hours'>
                  <Text className='desk-label'>办理时间</Text>
                  <Text className='desk-value'>{view.desk.hours}</Text>
                </View>
                <View className='desk-row desk-phone' onClick={call} {...button(call, `电话 ${view.desk.phone} 拨打`)}>
                  <Text className='desk-label'>电话</Text>
                  <Text className='desk-value desk-phone-number'>{view.desk.phone}</Text>
                  <Text className='desk-call' aria-hidden='true'>拨打</Text>
                </View>
              </View>
              )
            : (
              <Text className='section-text desk-none'>
                这里没有医保报销窗口。在这里看病买药用医保结算时，医保已经当场报销；自己垫付的费用，请到参保地的医保经办机构申请报销。
              </Text>
              )}
        </View>

        {view.bring.length
          ? (
            <View className='hospital-section hospital-bring'>
              <Text className='section-title' {...a11y('heading')} aria-level='2'>来这里报销，请带上</Text>
              <View className='bring-list' {...a11y('list')}>
                {view.bring.map((item, i) => (
                  <View key={i} className='bring-item' {...a11y('listitem')}>
                    <Text className='bring-number' aria-hidden='true'>{i + 1}</Text>
                    <Text className='bring-text'>{item}</Text>
                  </View>
                ))}
              </View>
            </View>
            )
          : null}

        <View className='hospital-section hospital-mine'>
          <Text className='section-title' {...a11y('heading')} aria-level='2'>我的消费和报销</Text>
          <MineSection store={store} institution={{ code: view.institutionCode, name: view.name }} onRetry={() => { void loadMine() }} />
        </View>

        {firstPage
          ? <Text className='hospital-home-link' onClick={toHome} {...a11y('link')} {...pressable(toHome)}>进入医保账户首页 ›</Text>
          : null}
      </>
    )
  }

  return <PageRoot className='hospital-page'>{body}</PageRoot>
}

export default observer(HospitalPage)
