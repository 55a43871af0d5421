// The privacy gate through the Taro and component mocks: 登录 stays covered (kindly) until the policy is agreed,
// 返回首页 leads back, and WeChat's privacy prompt opens the same dialog and hears the person's answer.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import LoginPage from '../../../src/pages/login/index'
import PrivacyGate from '../../../src/pages/PrivacyGate'
import { rootStore } from '../../../src/stores/index'
import type { PrivacyAnswer } from '../../../src/platform/privacy'
import { consentDocument } from '../stores/consent-fakes'

const request = Taro.request as unknown as jest.Mock

// NutUI's Dialog animates through react-transition-group, which still calls findDOMNode: React 18 warns, nothing breaks.
const consoleError = console.error
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { if (!String(args[0]).includes('findDOMNode')) consoleError(...args) })
})
afterAll(() => jest.restoreAllMocks())

function byClass (name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

describe('PrivacyGate', () => {
  beforeAll(() => {
    request.mockImplementation(async (req: { url: string }) => req.url.endsWith('/api/v1/consents/documents')
      ? { statusCode: 200, data: { items: [consentDocument('privacy'), consentDocument('sensitive')] }, header: {} }
      : { statusCode: 404, data: { error: { code: 'not_found', message: '没有找到' } }, header: {} })
  })
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('on 登录: covered until agreed; 不同意 explains and offers 返回首页; agreeing uncovers the login form', async () => {
    render(<LoginPage />)
    await screen.findByText('个人信息保护提示')
    expect(byClass('privacy-cover').textContent).toContain('登录前，请先阅读《隐私政策》')

    fireEvent.click(byClass('privacy-disagree-btn'))
    await screen.findByText('您暂未同意《隐私政策》')
    expect(byClass('privacy-cover').textContent).toContain('所以暂时不能登录')
    fireEvent.click(byClass('privacy-back-btn'))
    expect(Taro.navigateBack).toHaveBeenCalled()

    fireEvent.click(byClass('privacy-read-btn'))
    fireEvent.click(await waitFor(() => byClass('privacy-agree-btn')))
    await waitFor(() => expect(document.querySelector('.privacy-cover')).toBeNull())
    byClass('sms-login-btn')
    expect(rootStore.consent.privacyAccepted).toBe(true)
  })

  it('WeChat\'s prompt opens the same dialog after an earlier agreement and hears each answer', async () => {
    render(<PrivacyGate />)
    expect(document.querySelector('.privacy-agree-btn')).toBeNull()
    const answers: PrivacyAnswer[] = []
    act(() => rootStore.consent.platformAsks({ referrer: 'getLocation', resolve: (a) => answers.push(a) }))
    await screen.findByText('同意并继续')
    await waitFor(() => expect(answers).toEqual([{ event: 'exposureAuthorization' }]))
    expect(byClass('privacy-agree-btn').id).toBe('privacy-agree-btn')

    // The tap agrees here; WeChat's agree event (which follows it on the open-type button) lets the held call go on.
    fireEvent.click(byClass('privacy-agree-btn'))
    await act(async () => { await rootStore.consent.agreePrivacy('privacy-agree-btn') })
    expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree-btn' }])
    await waitFor(() => expect(rootStore.consent.showPrivacyDialog).toBe(false))

    act(() => rootStore.consent.platformAsks({ referrer: 'chooseImage', resolve: (a) => answers.push(a) }))
    fireEvent.click(await waitFor(() => byClass('privacy-disagree-btn')))
    expect(answers[answers.length - 1]).toEqual({ event: 'disagree' })
    expect(rootStore.consent.privacyAccepted).toBe(true) // an earlier agreement stands: only the held call fails
  })
})
