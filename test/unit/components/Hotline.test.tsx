// Hotline alone: a link named for what it does, that the keyboard reaches and that calls 12393.
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Hotline from '../../../src/components/Hotline'

afterEach(cleanup)

test('a link 拨打医保服务热线 12393 that calls the number on a tap and on Enter', () => {
  const call = Taro.makePhoneCall as unknown as jest.Mock
  call.mockClear()
  render(<Hotline />)
  const link = screen.getByRole('link', { name: '拨打医保服务热线 12393' })
  expect(link.getAttribute('tabindex')).toBe('0')
  fireEvent.click(link)
  expect(call).toHaveBeenCalledWith({ phoneNumber: '12393' })
  fireEvent.keyDown(link, { key: 'Enter' })
  expect(call).toHaveBeenCalledTimes(2)
})
