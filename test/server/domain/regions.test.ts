// Region names from the GB/T 2260 dataset (server/domain/regions.ts).
import { isAssignedAddressCode, regionName } from '../../../server/domain/regions'

test.each([
  ['310104', '上海市徐汇区'],
  ['110105', '北京市朝阳区'],
  ['500229', '重庆市城口县'],
  ['440106', '广东省广州市天河区'],
  ['330106', '浙江省杭州市西湖区'],
  ['440100', '广东省广州市'],
  ['440000', '广东省'],
  ['441900', '广东省东莞市'],
  ['469001', '海南省五指山市'], // a county-level city under a pseudo-city: the pseudo-city is left out
  ['419001', '河南省济源市'],
  ['810001', '香港特别行政区中西区'],
])('%s → %s', (code, name) => {
  expect(regionName(code)).toBe(name)
  expect(isAssignedAddressCode(code)).toBe(true)
})

test('a municipality name is never repeated', () => {
  for (const code of ['110101', '120101', '310101', '500101']) {
    const name = regionName(code)!
    expect(name.match(/^(北京市|天津市|上海市|重庆市)/)).not.toBeNull()
    expect(name.indexOf(name.slice(0, 3), 1)).toBe(-1)
  }
})

test('unknown or malformed codes have no name and are not assigned', () => {
  for (const code of ['319901', '119901', '449901', '339901', '999999', '000000', '31010', '3101044', 'abcdef', '']) {
    expect(regionName(code)).toBeUndefined()
    expect(isAssignedAddressCode(code)).toBe(false)
  }
})

test('the dataset is complete enough: every province and thousands of counties', () => {
  const provinces = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']
  for (const p of provinces) expect(isAssignedAddressCode(`${p}0000`)).toBe(true)
  let counties = 0
  for (let i = 110000; i < 660000; i++) {
    const c = String(i)
    if (!c.endsWith('00') && isAssignedAddressCode(c)) counties++
  }
  expect(counties).toBeGreaterThan(2800)
})
