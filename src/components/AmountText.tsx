// An amount of money as the person reads it everywhere: ¥, thousands separators, two decimals, even digits.
import { Text } from '@tarojs/components'
import { formatFen } from '../utils/money'

interface AmountTextProps {
  fen: number
  className?: string
}

export default function AmountText ({ fen, className = '' }: AmountTextProps) {
  return <Text className={`amount-text ${className}`.trim()}>{formatFen(fen)}</Text>
}
