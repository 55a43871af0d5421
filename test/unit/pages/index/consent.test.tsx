// 首页's consents through the Taro and component mocks: the first-run privacy dialog (不同意 keeps login closed, with
// the reason; 同意并继续 opens it), then after login the separate sensitive-information panel before any balance.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import HomePage from '../../../../src/pages/index/index'
import { rootStore } from '../../../../src/stores/index'
import { storage } from '../../../../src/platform/storage'
import { PRIVACY_STORAGE_KEY } from '../../../../src/stores/consent-store'
import { employeeSummary, loginResult } from '../../stores/fakes'
import { ACCEPTED_AT, CONSENT_VERSION, consentDocument, consentStatus } from '../../stores/consent-fakes'

const request = Taro.request as unknown as jest.Mock

// NutUI's Dialog animates through react-transition-group, which still calls findDOMNode: React 18 warns, nothing breaks.
const consoleError = console.error
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { if (!String(args[0]).includes('findDOMNode')) consoleError(...args) })
})
afterAll(() => jest.restoreAllMocks())
type Req = { url: string, method: string, header: Record<string, string>, data?: unknown }

let sensitiveAt: string | null = null
function serve () {
  request.mockImplementation(async (req: Req) => {
    const path = new URL(req.url).pathname
    const ok = (data: unknown) => ({ statusCode: 200, data, header: {} })
    if (path === '/api/v1/consents/documents') return ok({ items: [consentDocument('privacy'), consentDocument('sensitive')] })
    if (path === '/api/v1/consents' && req.method === 'GET') return ok({ items: [consentStatus('privacy', null), consentStatus('sensitive', sensitiveAt)] })
    if (path === '/api/v1/consents' && req.method === 'POST') {
      const body = req.data as { document: 'privacy' | 'sensitive', version: string }
      if (body.document === 'sensitive') sensitiveAt = ACCEPTED_AT
      return ok(consentStatus(body.document, ACCEPTED_AT, body.version))
    }
    if (path === '/api/v1/auth/login/sms') return ok(loginResult)
    if (path === '/api/v1/account') return ok(employeeSummary)
    return { statusCode: 404, data: { error: { code: 'not_found', message: '没有找到' } }, header: {} }
  })
}

const calls = (path: string, method = 'GET') => request.mock.calls.map(([r]) => r as Req).filter((r) => new URL(r.url).pathname === path && r.method === method)

function byClass (name: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`.${name}`)
  if (!el) throw new Error(`.${name} not rendered`)
  return el
}

describe('pages/index, consents', () => {
  beforeAll(serve)
  afterEach(cleanup)
  afterAll(() => rootStore.dispose())

  it('first run: the privacy dialog; 不同意 keeps login closed and says why; 同意并继续 offers login', async () => {
    render(<HomePage />)
    await screen.findByText('个人信息保护提示')
    expect(byClass('privacy-dialog').textContent).toContain('我们收集什么')
    expect(byClass('privacy-dialog').textContent).toContain('查看《隐私政策》全文')
    expect(document.querySelector('.login-entry-btn')).toBeNull()
    // The full text, on request.
    fireEvent.click(screen.getByText('查看《隐私政策》全文'))
    await screen.findByText('一、我们是谁')
    fireEvent.click(screen.getByText('收起全文'))

    fireEvent.click(byClass('privacy-disagree-btn'))
    await screen.findByText('您暂未同意《隐私政策》')
    expect(byClass('privacy-declined').textContent).toContain('我们不会收集您的任何信息，所以暂时不能登录')
    expect(screen.getByText('查看您的医保个人账户')).toBeTruthy() // what the app is, still readable
    expect(document.querySelector('.login-entry-btn')).toBeNull()
    expect(await storage.get(PRIVACY_STORAGE_KEY)).toBeNull()

    fireEvent.click(byClass('privacy-read-btn'))
    await screen.findByText('个人信息保护提示')
    fireEvent.click(byClass('privacy-agree-btn'))
    await waitFor(() => byClass('login-entry-btn'))
    expect(document.querySelector('.privacy-declined')).toBeNull()
    expect(JSON.parse((await storage.get(PRIVACY_STORAGE_KEY))!).version).toBe(CONSENT_VERSION)
    expect(calls('/api/v1/consents', 'POST')).toHaveLength(0) // no session yet
  })

  it('after login: the privacy policy is recorded, the sensitive panel comes before any balance, 同意 shows it', async () => {
    render(<HomePage />)
    await act(async () => { await rootStore.session.loginWithSms('13812345678', '123456') })
    await screen.findByText('查看医保信息前，请您单独授权')
    const panel = byClass('consent-panel')
    for (const words of ['余额', '缴费', '就医和费用', '报销记录', '撤回', '12393']) expect(panel.textContent).toContain(words)
    expect(document.querySelector('.balance-amount')).toBeNull()
    expect(calls('/api/v1/account')).toHaveLength(0)
    expect(calls('/api/v1/consents', 'POST').map((r) => r.data)).toEqual([{ document: 'privacy', version: CONSENT_VERSION, channel: 'h5' }])

    fireEvent.click(byClass('sensitive-decline-btn'))
    await screen.findByText('您暂未同意，我们不会读取您的医保信息')
    expect(byClass('consent-panel-declined').textContent).toContain('不影响您看病就医')
    expect(calls('/api/v1/account')).toHaveLength(0)
    fireEvent.click(byClass('sensitive-reconsider-btn'))

    fireEvent.click(await waitFor(() => byClass('sensitive-agree-btn')))
    await waitFor(() => expect(byClass('balance-amount').textContent).toBe('¥1,234.56个人账户余额 1234 元 56 分'))
    expect(calls('/api/v1/consents', 'POST').map((r) => r.data)).toContainEqual({ document: 'sensitive', version: CONSENT_VERSION, channel: 'h5' })
    expect(calls('/api/v1/account')).toHaveLength(1)
    expect(document.querySelector('.consent-panel')).toBeNull()
  })
})
