// What a person reads before the platform's face-check camera opens (light, face the phone, hold still), and the
// one button that opens it. Used by 身份验证 and 实名绑定.
import { Text, View } from '@tarojs/components'
import Button from './Button'
import { heading } from './a11y'

interface FaceTipsProps {
  /** Whose camera opens: 微信 or 支付宝. */
  platformName: string
  running: boolean
  /** Label of the button: 开始刷脸, or 再刷一次 after a check that did not pass. */
  action: string
  onStart: () => void
  className?: string
}

const TIPS = [
  '找一个光线充足的地方，不要背对窗户或灯光',
  '摘下帽子、口罩，把手机放在面前，脸对准圆框',
  '按屏幕上的提示眨眼或转头，过程中保持手机不动',
]

export default function FaceTips ({ platformName, running, action, onStart, className = '' }: FaceTipsProps) {
  return (
    <View className={`face-tips ${className}`.trim()}>
      <Text className='face-tips-title' {...heading(2)}>刷脸前请注意</Text>
      {TIPS.map((tip, i) => (
        <View key={tip} className='face-tip'>
          <Text className='face-tip-number'>{i + 1}</Text>
          <Text className='face-tip-text'>{tip}</Text>
        </View>
      ))}
      <Text className='face-tips-note'>刷脸由{platformName}完成并与公安部门的证件照比对，本程序不保存您的照片。</Text>
      <Button className='face-start-btn' type='primary' size='large' block loading={running} onClick={onStart}>
        {action}
      </Button>
    </View>
  )
}
