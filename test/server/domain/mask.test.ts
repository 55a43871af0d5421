import { maskBankCard, maskIdNumber, maskName, maskNumbersInText, maskPhone } from '../../../server/domain/mask'

test('masks follow the rules of docs/domain.md', () => {
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

test('inside free text, phones (with +86, spaces or hyphens) and ID numbers are masked the same way; other numbers are not', () => {
  expect(maskNumbersInText('请 13812345678、+86 139-8765-4321 或 137 1111 2222 联系')).toBe('请 138****5678、139****4321 或 137****2222 联系')
  expect(maskNumbersInText('证件 11010519491231002X，证件110105194912310021。')).toBe('证件 110***********002X，证件110***********0021。')
  // A millisecond timestamp, an amount in fen, a date, a longer ID-like word: left as they are.
  for (const s of ['"time":1763607600000', 'amount 123456789 fen', '2026-11-24 14:30', 'AB11010519491231002X', '1381234567890']) {
    expect(maskNumbersInText(s)).toBe(s)
  }
})
