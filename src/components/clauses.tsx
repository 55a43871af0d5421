// A sentence drawn in its comma-ended clauses, each kept whole (the page's `.keep-whole`: no wrap inside), so that a
// narrow screen or 长辈模式's large type breaks the line between clauses, never before a clause's last word.
import { Text } from '@tarojs/components'

export function clauses (line: string) {
  const parts = line.split('，')
  return parts.map((part, i) => <Text key={i} className='keep-whole'>{i < parts.length - 1 ? `${part}，` : part}</Text>)
}
