// What a family member may read of a claim's free text (the bureau's timeline notes, the missing-materials list, the
// next step, the title): the one scrub every text of the family view goes through. The owner's full name becomes the
// masked one; phones, ID numbers and long numbers (bank cards) go, whatever the grant allows; and when the owner hides
// amounts, every money figure goes too. Dates and times (2026年11月24日 14:30) stay readable.
import { ID_NUMBER_IN_TEXT, LONG_NUMBER_IN_TEXT, maskName, PHONE_IN_TEXT } from './mask'

export const HIDDEN_AMOUNT = '（金额不显示）'
export const HIDDEN_PHONE = '（手机号不显示）'
export const HIDDEN_ID_NUMBER = '（证件号不显示）'
export const HIDDEN_NUMBER = '（号码不显示）'

export interface FamilyTextRules {
  /** The owner's name as on file: every occurrence becomes maskName of it. */
  ownerName: string
  /** The grant's choice: false hides every money figure. */
  showAmounts: boolean
}

// A figure: 356, 1,102.30, 1.1. Only ASCII commas group thousands, so a list (1，2，3) stays three numbers.
const NUMBER = String.raw`[0-9](?:[0-9,]*[0-9])?(?:\.[0-9]+)?`
// 元 and its spoken forms; 多/余 for 3000多元. Longest first, so 万元 is one unit, not 万 then 元.
const UNIT = String.raw`(?:多|余)?(?:万元|千元|百元|元|万|千|块钱|块)`
// A money figure, with the blanks before it (核定 ¥523.00 → 核定（金额不显示）). In order: a currency mark before the
// figure; a figure right after 金额 (金额 356, 金额约 1.1万元: the word stays, the figure goes); a figure with a money
// unit after it; two or more Chinese numerals with 元 or 块 (两万元 — one numeral, as in 三元里, is a place name more
// often than money); and any figure with a decimal point (自付部分 356.20), with a % after it, but not a dotted date
// (2026.11.24), which has two points.
const MONEY = new RegExp(String.raw`\s*(?:` + [
  String.raw`(?:[¥￥]|RMB|人民币)\s*${NUMBER}(?:\s*${UNIT})?`,
  String.raw`(?<=金额\s*[:：]?\s*(?:约|为|是|共|计|合计|共计)?\s*)${NUMBER}(?:\s*${UNIT})?`,
  String.raw`${NUMBER}\s*${UNIT}`,
  String.raw`[零一二两三四五六七八九十百千万]{2,}(?:多|余)?(?:元|块钱|块)`,
  String.raw`(?<![0-9.])[0-9](?:[0-9,]*[0-9])?\.[0-9]+(?![0-9.])(?:\s*[%％])?`,
].join('|') + ')', 'gi')
// （13800000001） would read （（手机号不显示））: a marker that filled a whole bracket keeps one pair.
const DOUBLE_BRACKETS = /[（(]\s*(（(?:手机号|证件号|号码|金额)不显示）)\s*[）)]/g
const REPEATED_AMOUNTS = new RegExp(String.raw`(?:${HIDDEN_AMOUNT}\s*){2,}`, 'g')

export function familyText (text: string, rules: FamilyTextRules): string {
  let out = text
  const name = rules.ownerName.trim()
  if (name !== '') out = out.split(name).join(maskName(name))
  // ID numbers before phones and long numbers: an ID holds both shapes.
  out = out.replace(ID_NUMBER_IN_TEXT, HIDDEN_ID_NUMBER).replace(PHONE_IN_TEXT, HIDDEN_PHONE).replace(LONG_NUMBER_IN_TEXT, HIDDEN_NUMBER)
  if (!rules.showAmounts) out = out.replace(MONEY, HIDDEN_AMOUNT).replace(REPEATED_AMOUNTS, HIDDEN_AMOUNT)
  return out.replace(DOUBLE_BRACKETS, '$1')
}
