// A claim's dated timeline as 报销详情 and the family view draw it: NutUI's vertical Steps, one dot per event
// (earliest first), the latest in the stage's colour, each with its date and the bureau's note.
import { Text } from '@tarojs/components'
import { Step, Steps } from '@nutui/nutui-react-taro'
import './ClaimTimeline.scss'

export interface ClaimTimelineStep {
  key: string
  title: string
  /** 2026年11月14日 12:15 */
  time: string
  note: string
}

interface ClaimTimelineProps {
  steps: readonly ClaimTimelineStep[]
  /** The claim's tone: the latest step takes its colour (under way, done well, needs attention). */
  tone: 'progress' | 'success' | 'warn'
}

export default function ClaimTimeline ({ steps, tone }: ClaimTimelineProps) {
  return (
    <Steps className={`claim-steps claim-steps--${tone}`} direction='vertical' type='dot' status='dynamic' value={steps.length}>
      {steps.map((s, i) => (
        <Step
          key={s.key} className='claim-step' value={i + 1} title={s.title}
          description={<><Text className='claim-step-time'>{s.time}</Text><Text className='claim-step-note'>{s.note}</Text></>}
        />
      ))}
    </Steps>
  )
}
