// A page that throws while drawing: the boundary shows what happened and the two ways on instead of a white screen,
// hands the error on once, draws the page afresh on 重新加载 and leaves for 首页 on 返回首页.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import ErrorBoundary from '../../../src/components/ErrorBoundary'

afterEach(cleanup)

let failing = true
let drawn = 0
function Page () {
  drawn++
  if (failing) throw new TypeError("Cannot read properties of undefined (reading 'stage')")
  return <div className='page-body'>报销详情</div>
}

test('a render error: the words, 重新加载 draws the page again, 返回首页 leaves; the error is reported once', () => {
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined) // React logs the caught error
  try {
    const onError = jest.fn()
    const onHome = jest.fn()
    render(<ErrorBoundary onError={onError} onHome={onHome}><Page /></ErrorBoundary>)
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('这个页面出了点问题')
    expect(document.body.textContent).toContain('请点“重新加载”再试')
    expect(onError).toHaveBeenCalledTimes(1)
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(TypeError)
    expect(document.querySelector('.page-body')).toBeNull()

    fireEvent.click(screen.getByText('返回首页'))
    expect(onHome).toHaveBeenCalledTimes(1)

    failing = false
    const before = drawn
    fireEvent.click(screen.getByText('重新加载'))
    expect(drawn).toBeGreaterThan(before)
    expect(document.querySelector('.page-body')!.textContent).toBe('报销详情')
    expect(onError).toHaveBeenCalledTimes(1)
  } finally {
    quiet.mockRestore()
  }
})
