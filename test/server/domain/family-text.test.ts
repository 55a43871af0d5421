// The one scrub of every text the family view returns: the owner's full name masked, phones, ID numbers and long
// numbers removed whatever the grant allows, money figures removed when amounts are hidden, dates and times kept.
import { familyText } from '../../../server/domain/family-text'

const owner = '陈思远'
const hidden = (text: string) => familyText(text, { ownerName: owner, showAmounts: false })
const shown = (text: string) => familyText(text, { ownerName: owner, showAmounts: true })

// [what the bureau wrote, what family reads with amounts hidden, with amounts shown]
test.each([
  // The attacker review's note and material.
  ['核定金额约 1.1万元，自付部分 356.20，请陈思远本人（13800000001）补交',
    '核定金额约（金额不显示），自付部分（金额不显示），请陈**本人（手机号不显示）补交',
    '核定金额约 1.1万元，自付部分 356.20，请陈**本人（手机号不显示）补交'],
  ['金额 ¥356.20 的门诊收据原件', '金额（金额不显示） 的门诊收据原件', '金额 ¥356.20 的门诊收据原件'],
  // Money marks before the figure.
  ['复审通过，核定报销金额 ¥1,102.30', '复审通过，核定报销金额（金额不显示）', '复审通过，核定报销金额 ¥1,102.30'],
  ['核定 ￥523.00，请留意', '核定（金额不显示），请留意', '核定 ￥523.00，请留意'],
  ['已退 RMB 300，另付 rmb300', '已退（金额不显示），另付（金额不显示）', '已退 RMB 300，另付 rmb300'],
  ['人民币500元整', '（金额不显示）整', '人民币500元整'],
  ['金额：356，金额为 20 元', '金额：（金额不显示），金额为（金额不显示）', '金额：356，金额为 20 元'],
  // Money units after the figure.
  ['退回 1,234.5 元', '退回（金额不显示）', '退回 1,234.5 元'],
  ['申请 800元 已受理', '申请（金额不显示） 已受理', '申请 800元 已受理'],
  ['约 2万，自付 3千，押金 50块，另 3000多元', '约（金额不显示），自付（金额不显示），押金（金额不显示），另（金额不显示）',
    '约 2万，自付 3千，押金 50块，另 3000多元'],
  ['约两万元，三元里街道', '约（金额不显示），三元里街道', '约两万元，三元里街道'],
  // Any number with a decimal point; a bracket the figure filled keeps one pair; figures side by side become one.
  ['自付比例 10.5%', '自付比例（金额不显示）', '自付比例 10.5%'],
  ['（¥356.20）', '（金额不显示）', '（¥356.20）'],
  ['¥1 ¥2', '（金额不显示）', '¥1 ¥2'],
  // Personal numbers go whatever the grant allows.
  ['身份证 31990119880314017X 已核验', '身份证 （证件号不显示） 已核验', '身份证 （证件号不显示） 已核验'],
  ['本人证件号319901198803140171。', '本人证件号（证件号不显示）。', '本人证件号（证件号不显示）。'],
  ['电话 +86 138-0000-0001 或 139 1234 5678', '电话 （手机号不显示） 或 （手机号不显示）', '电话 （手机号不显示） 或 （手机号不显示）'],
  ['打到卡号 6222021234567890123', '打到卡号 （号码不显示）', '打到卡号 （号码不显示）'],
  ['打到卡号 6222 0212 3456 7890 123', '打到卡号 （号码不显示）', '打到卡号 （号码不显示）'],
  // The name, wherever and however often it stands.
  ['陈思远、陈思远的女儿代办', '陈**、陈**的女儿代办', '陈**、陈**的女儿代办'],
  // Dates, times, counts and the hotline stay readable.
  ['请于2026年11月24日 14:30前补交', '请于2026年11月24日 14:30前补交', '请于2026年11月24日 14:30前补交'],
  ['窗口时间 8:00–11:30，13:30–17:00；2026-11-24；2026.11.24', '窗口时间 8:00–11:30，13:30–17:00；2026-11-24；2026.11.24',
    '窗口时间 8:00–11:30，13:30–17:00；2026-11-24；2026.11.24'],
  ['请补充 3 项材料：出院小结、费用明细清单', '请补充 3 项材料：出院小结、费用明细清单', '请补充 3 项材料：出院小结、费用明细清单'],
  ['预计2026年11月27日前有结果；12393 医保服务热线', '预计2026年11月27日前有结果；12393 医保服务热线', '预计2026年11月27日前有结果；12393 医保服务热线'],
])('%j', (text, whenHidden, whenShown) => {
  expect(hidden(text)).toBe(whenHidden)
  expect(shown(text)).toBe(whenShown)
  // Scrubbed text scrubs to itself: nothing the markers say looks like what they replace.
  expect(hidden(whenHidden)).toBe(whenHidden)
  expect(shown(whenShown)).toBe(whenShown)
})

test('an owner with no name on file changes nothing but the numbers', () => {
  expect(familyText('陈思远 13800000001', { ownerName: '  ', showAmounts: true })).toBe('陈思远 （手机号不显示）')
})
