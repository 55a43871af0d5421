import { maskBankCard, maskIdNumber, maskName, maskPhone } from '../../../server/domain/mask'

test('masks follow DESIGN §8', () => {
  expect(maskIdNumber('11010519491231002X')).toBe('110***********002X')
  expect(maskPhone('13812345678')).toBe('138****5678')
  expect(maskName('张伟')).toBe('张*')
  expect(maskName('王小明')).toBe('王**')
  expect(maskName('欧阳娜娜')).toBe('欧***')
  expect(maskBankCard('6222021234567890123')).toBe('**** 0123')
})

test('short or empty input never leaks the value', () => {
  expect(maskIdNumber('1234567')).toBe('*******')
  expect(maskPhone('12345')).toBe('*****')
  expect(maskName('  ')).toBe('')
})
