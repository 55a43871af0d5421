// FormField alone: the visible label tied to its input, the input's props on H5 and on the mini-programs, which
// fields the form's error line speaks about, and the error line as a live region that is there before its words.
import { cleanup, render, screen } from '@testing-library/react'
import FormField, { FormError, errorTies, fieldInput } from '../../../src/components/FormField'

afterEach(cleanup)

describe('errorTies', () => {
  const checks = { phone: '请输入正确的 11 位手机号', code: null }

  it('ties a field\'s own check to that field alone, marked invalid', () => {
    expect(errorTies('e1', '请输入正确的 11 位手机号', checks)).toEqual({ phone: { errorId: 'e1', invalid: true }, code: {} })
  })

  it('ties an error no field\'s check gives (the server\'s answer) to every field, none marked', () => {
    expect(errorTies('e1', '验证码不正确，请重新输入', checks)).toEqual({ phone: { errorId: 'e1' }, code: { errorId: 'e1' } })
  })

  it('ties nothing while there is no error', () => {
    expect(errorTies('e1', null, checks)).toEqual({ phone: {}, code: {} })
  })

  it('takes the first field whose check gives the words, in the order the form checks them', () => {
    const same = { newPassword: '查询密码应为 6 位数字', confirm: '查询密码应为 6 位数字' }
    expect(errorTies('e1', '查询密码应为 6 位数字', same)).toEqual({ newPassword: { errorId: 'e1', invalid: true }, confirm: {} })
  })
})

describe('fieldInput', () => {
  const env = process.env.TARO_ENV
  afterEach(() => { process.env.TARO_ENV = env })

  it('on H5 puts the id, the hints and the error, and aria-invalid on the native input (Taro\'s nativeProps)', () => {
    process.env.TARO_ENV = 'h5'
    expect(fieldInput('f-phone', '手机号', { errorId: 'f-err', invalid: true }, 'f-hint')).toEqual({
      nativeProps: { id: 'f-phone', 'aria-describedby': 'f-hint f-err', 'aria-invalid': 'true' },
    })
    expect(fieldInput('f-phone', '手机号')).toEqual({ nativeProps: { id: 'f-phone' } })
  })

  it('on a mini-program gives the input its id (the label points at it) and its name', () => {
    process.env.TARO_ENV = 'weapp'
    expect(fieldInput('f-phone', '手机号', { errorId: 'f-err' }, 'f-hint')).toEqual({ id: 'f-phone', 'aria-label': '手机号' })
  })
})

test('the label is visible text tied to the input by its id, and the field marks itself invalid', () => {
  const { rerender } = render(
    <FormField label='手机号' inputId='f-phone' className='phone-field'><input id='f-phone' /></FormField>,
  )
  const input = screen.getByLabelText('手机号')
  expect(input.id).toBe('f-phone')
  expect(input.closest('.form-field')!.className).toBe('form-field phone-field')
  rerender(<FormField label='手机号' inputId='f-phone' className='phone-field' invalid><input id='f-phone' /></FormField>)
  expect(input.closest('.form-field')!.className).toBe('form-field phone-field form-field-invalid')
})

test('the error line is a live region from the first render, empty while there is no error', () => {
  const { container, rerender } = render(<FormError id='f-err' message={null} className='login-error' />)
  const region = container.querySelector('#f-err')!
  expect(region.getAttribute('aria-live')).toBe('assertive')
  expect(region.textContent).toBe('')
  rerender(<FormError id='f-err' message='请输入手机号' className='login-error' />)
  expect(container.querySelector('#f-err')).toBe(region)
  expect(region.querySelector('.login-error')!.textContent).toBe('请输入手机号')
})
