// An amount of money as the person reads it everywhere: ¥, thousands separators, two decimals, even digits; and, where
// a screen reader meets it on its own, as words ("余额 723 元 17 分") instead of symbol by symbol. The words are a
// visually hidden text beside the hidden-to-readers figure: an aria-label on a role-less text is not read everywhere
// (and ARIA forbids naming a generic element).
import { Text } from '@tarojs/components'
import { formatFen, spokenFen } from '../utils/money'

interface AmountTextProps {
  fen: number
  className?: string
  /** Give the amount spoken words: `true` for the words alone, a string for a word before them (余额, 合计). */
  spoken?: boolean | string
}

export default function AmountText ({ fen, className = '', spoken }: AmountTextProps) {
  const classes = `amount-text ${className}`.trim()
  if (!spoken) return <Text className={classes}>{formatFen(fen)}</Text>
  const words = typeof spoken === 'string' ? `${spoken} ${spokenFen(fen)}` : spokenFen(fen)
  return (
    <Text className={classes}>
      <Text aria-hidden='true'>{formatFen(fen)}</Text>
      <Text className='sr-only'>{words}</Text>
    </Text>
  )
}
