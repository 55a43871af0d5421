// An amount of money as the person reads it everywhere: ¥, thousands separators, two decimals, even digits; and, given
// a label, as a screen reader says it once for the whole figure ("余额 723 元 17 分").
import { Text } from '@tarojs/components'
import { formatFen, spokenFen } from '../utils/money'
import './AmountText.scss'

interface AmountTextProps {
  fen: number
  className?: string
  /**
   * What the amount is (余额, 核定报销): a screen reader then reads "label 723 元 17 分" once, instead of the drawn
   * digits (which it reads as "yen" and pieces). The drawn figure looks the same either way.
   */
  label?: string
}

export default function AmountText ({ fen, className = '', label }: AmountTextProps) {
  const cls = `amount-text ${className}`.trim()
  if (!label) return <Text className={cls}>{formatFen(fen)}</Text>
  // A name on a role-less text is not read everywhere (and axe refuses it): the drawn figure is hidden from screen
  // readers and a visually hidden sentence says it instead.
  return (
    <>
      <Text className={cls} aria-hidden='true'>{formatFen(fen)}</Text>
      <Text className='amount-spoken'>{`${label} ${spokenFen(fen)}`}</Text>
    </>
  )
}
