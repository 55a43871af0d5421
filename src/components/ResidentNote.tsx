// What a 城乡居民 sees where a balance would be: there is no personal account, said plainly and kindly.
import { Text } from '@tarojs/components'

export default function ResidentNote ({ className = '' }: { className?: string }) {
  return (
    <Text className={`resident-note ${className}`.trim()}>
      您参加的是城乡居民医保。按照国家规定，城乡居民医保没有个人账户，所以这里没有余额；看病就医时的报销不受影响。
    </Text>
  )
}
