// The fixed demo persons. ID numbers use address codes of the form PP99xx: no GB/T 2260 city code 99 has ever existed,
// so these numbers cannot belong to a real person (test/server/demo checks it against the dataset).
import { checkDigit } from '../../domain/gb11643'
import type { DemoPersonFacts } from './types'

export function idNumber (area: string, birth: string, seq: string): string {
  const first17 = area + birth + seq
  return first17 + checkDigit(first17)
}

export function facts (n: number, v: Omit<DemoPersonFacts, 'n' | 'wechatCode' | 'alipayCode' | 'wechatSubject' | 'alipaySubject'>): DemoPersonFacts {
  return {
    n, ...v,
    wechatCode: `wx-demo-${n}`, alipayCode: `alipay-demo-${n}`,
    wechatSubject: `dev-wechat-demo-${n}`, alipaySubject: `dev-alipay-demo-${n}`,
  }
}

/** The fixed demo persons, in README order. The 17th digit is odd for men and even for women, as in real numbers. */
export const DEMO_PERSONS: readonly DemoPersonFacts[] = Object.freeze([
  facts(1, { name: '陈思远', insuranceType: 'employee', regionCode: '310104', phone: '13800000001',
    idNumber: idNumber('319901', '19880314', '017'), cardNumber: 'DM31010001', queryPassword: '135246' }),
  facts(2, { name: '王德明', insuranceType: 'retiree', regionCode: '110105', phone: '13800000002',
    idNumber: idNumber('119901', '19580621', '035'), cardNumber: 'DM11010002', queryPassword: '258013' }),
  facts(3, { name: '黄丽萍', insuranceType: 'resident', regionCode: '440106', phone: '13800000003',
    idNumber: idNumber('449901', '19760908', '042'), cardNumber: 'DM44010003', queryPassword: '369024' }),
  facts(4, { name: '林晓雨', insuranceType: 'employee', regionCode: '330106', phone: '13800000004',
    idNumber: idNumber('339901', '20000527', '068'), cardNumber: 'DM33010004', queryPassword: '147036' }),
])
