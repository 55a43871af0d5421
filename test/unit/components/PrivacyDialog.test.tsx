// PrivacyDialog alone: it draws the text it is given, says when it could not be read, and hands each choice on.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import PrivacyDialog, { PRIVACY_AGREE_BUTTON_ID } from '../../../src/components/PrivacyDialog'
import { consentDocument } from '../stores/consent-fakes'

const byClass = (name: string) => document.querySelector<HTMLElement>(`.${name}`)

afterEach(cleanup)

// NutUI's Dialog animates through react-transition-group, which still calls findDOMNode: React 18 warns, nothing breaks.
const consoleError = console.error
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { if (!String(args[0]).includes('findDOMNode')) consoleError(...args) })
})
afterAll(() => jest.restoreAllMocks())

describe('PrivacyDialog', () => {
  const handlers = () => ({ onAgree: jest.fn(), onDisagree: jest.fn(), onRetry: jest.fn() })

  it('the summary, the full text on request, and 同意并继续 on the button WeChat checks by id', () => {
    const h = handlers()
    render(<PrivacyDialog visible document={consentDocument('privacy')} loadError={null} updated={false} {...h} />)
    expect(screen.getByText('个人信息保护提示')).toBeTruthy()
    expect(screen.getByText('我们收集什么')).toBeTruthy()
    fireEvent.click(screen.getByText('查看《隐私政策》全文'))
    expect(screen.getByText('一、我们是谁')).toBeTruthy()
    expect(byClass('privacy-agree-btn')!.id).toBe(PRIVACY_AGREE_BUTTON_ID)
    fireEvent.click(byClass('privacy-agree-btn')!)
    expect(h.onAgree).toHaveBeenCalledWith()
    fireEvent.click(byClass('privacy-disagree-btn')!)
    expect(h.onDisagree).toHaveBeenCalled()
  })

  it('a changed policy says so; a text that could not be read offers 重试 and no 同意', () => {
    const h = handlers()
    const { rerender } = render(<PrivacyDialog visible document={consentDocument('privacy')} loadError={null} updated {...h} />)
    expect(screen.getByText('隐私政策有更新')).toBeTruthy()
    rerender(<PrivacyDialog visible document={null} loadError='网络连接失败，请检查网络后重试' updated={false} {...h} />)
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeTruthy()
    expect(byClass('privacy-agree-btn')).toBeNull()
    fireEvent.click(byClass('privacy-retry-btn')!)
    expect(h.onRetry).toHaveBeenCalled()
  })
})
