// A claim's timeline as 报销详情 and the family view draw it: NutUI's vertical Steps, one dot per event (earliest
// first), the latest in the stage's colour, each with its date and the bureau's note; then, greyed, the steps still to
// come on the way to 打款 (none once the claim is finished).
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
  /** The claim's tone: the latest step takes its colour (under way, done well, needs attention, turned down). */
  tone: 'progress' | 'success' | 'warn' | 'fail'
  /** The steps not reached yet, in order: drawn greyed with 尚未开始. */
  upcoming?: readonly { key: string, title: string }[]
}

export default function ClaimTimeline ({ steps, tone, upcoming = [] }: ClaimTimelineProps) {
  return (
    <Steps className={`claim-steps claim-steps--${tone}`} direction='vertical' type='dot' status='dynamic' value={steps.length}>
      {steps.map((s, i) => (
        <Step
          key={s.key} className='claim-step' value={i + 1} title={s.title}
          description={<><Text className='claim-step-time'>{s.time}</Text><Text className='claim-step-note'>{s.note}</Text></>}
        />
      ))}
      {upcoming.map((s, i) => (
        <Step
          key={`next-${s.key}`} className='claim-step claim-step--upcoming' value={steps.length + i + 1} title={s.title}
          description={<Text className='claim-step-note claim-step-note--upcoming'>尚未开始</Text>}
        />
      ))}
    </Steps>
  )
}
