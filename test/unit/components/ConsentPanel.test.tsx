// ConsentPanel alone: what is processed and why, withdrawal and 12393, loading and errors, and each choice handed on.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import ConsentPanel from '../../../src/components/ConsentPanel'
import { consentDocument } from '../stores/consent-fakes'

const byClass = (name: string) => document.querySelector<HTMLElement>(`.${name}`)

afterEach(cleanup)

describe('ConsentPanel', () => {
  const handlers = () => ({ onAgree: jest.fn(), onDecline: jest.fn(), onReconsider: jest.fn(), onRetry: jest.fn() })

  it('what is processed and why, withdrawal and 12393, then 同意 / 暂不同意', () => {
    const h = handlers()
    render(<ConsentPanel document={consentDocument('sensitive')} loadError={null} declined={false} saving={false} error={null} {...h} />)
    const text = byClass('consent-panel')!.textContent!
    for (const words of ['医保个人账户余额', '缴费', '就医和费用', '报销记录', '撤回', '12393']) expect(text).toContain(words)
    fireEvent.click(screen.getByText('查看《敏感个人信息处理授权书》全文'))
    expect(screen.getByText('一、为什么要单独征求您的同意')).toBeTruthy()
    fireEvent.click(byClass('sensitive-agree-btn')!)
    expect(h.onAgree).toHaveBeenCalled()
    fireEvent.click(byClass('sensitive-decline-btn')!)
    expect(h.onDecline).toHaveBeenCalled()
  })

  it('declined: says what it means kindly and how to change one\'s mind; a failed 同意 shows the reason', () => {
    const h = handlers()
    const { rerender } = render(<ConsentPanel document={consentDocument('sensitive')} loadError={null} declined saving={false} error={null} {...h} />)
    expect(byClass('consent-panel-declined')!.textContent).toContain('不同意不影响您看病就医和按规定报销')
    fireEvent.click(byClass('sensitive-reconsider-btn')!)
    expect(h.onReconsider).toHaveBeenCalled()
    rerender(<ConsentPanel document={consentDocument('sensitive')} loadError={null} declined={false} saving={false} error='没有保存成功，请稍后重试' {...h} />)
    expect(byClass('consent-panel-error')!.textContent).toBe('没有保存成功，请稍后重试')
  })

  it('while the text loads 同意 waits; if it cannot be read, 重试', () => {
    const h = handlers()
    const { rerender } = render(<ConsentPanel document={null} loadError={null} declined={false} saving={false} error={null} {...h} />)
    fireEvent.click(byClass('sensitive-agree-btn')!)
    expect(h.onAgree).not.toHaveBeenCalled()
    rerender(<ConsentPanel document={null} loadError='网络连接失败，请检查网络后重试' declined={false} saving={false} error={null} {...h} />)
    fireEvent.click(byClass('sensitive-retry-btn')!)
    expect(h.onRetry).toHaveBeenCalled()
  })
})
