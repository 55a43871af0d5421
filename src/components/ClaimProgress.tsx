// One claim's progress as 报销详情 and the family view both draw it: the stage block (tag with its mark, 已办结, the
// title as the page's heading, and the lines each page adds), the two amounts, why the approved one is lower, the next
// step (or the result), the missing materials, and a card for the timeline.
import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import { heading } from './a11y'
import './ClaimProgress.scss'

/** The claim's tone (under way, done well, needs attention, turned down) and the NutUI tag type that shows it. */
export type ClaimTone = 'progress' | 'success' | 'warn' | 'fail'
type TagType = 'primary' | 'success' | 'warning' | 'danger'

/** The mark before the stage's name, so that no tone is told by colour alone. */
const MARKS: Readonly<Record<ClaimTone, string>> = { progress: '', success: '✓', warn: '!', fail: '✕' }

interface StatusProps { tone: ClaimTone; tagType: TagType; stage: string; final: boolean; title: string }

/** A stage's tag: its mark (hidden from screen readers, the name says it) and its name, in the tone's colours. */
export function StageTag ({ tone, tagType, stage, className }: { tone: ClaimTone; tagType: TagType; stage: string; className: string }) {
  return (
    <Tag className={`${className} stage--${tone}`} type={tagType} round>
      {MARKS[tone] ? <Text className='stage-mark' aria-hidden='true'>{MARKS[tone]}</Text> : null}
      <Text className='stage-name'>{stage}</Text>
    </Tag>
  )
}

/** The top of the page: the stage tag, 已办结 when it is, the title; children are the page's own lines below. */
export function ClaimStatus ({ tone, tagType, stage, final, title, children }: PropsWithChildren<StatusProps>) {
  return (
    <View className={`claim-status claim-status--${tone}`}>
      <View className='claim-status-head'>
        <StageTag className='claim-stage' tone={tone} tagType={tagType} stage={stage} />
        {final ? <Text className='claim-final'>已办结</Text> : null}
      </View>
      <Text className='claim-title' {...heading(1)}>{title}</Text>
      {children}
    </View>
  )
}

/** 申请报销 and 核定报销 side by side; `approvedSet` false: the approved line is a sentence (not yet decided). */
export function ClaimAmounts ({ claimed, approved, approvedSet }: { claimed: string; approved: string; approvedSet: boolean }) {
  return (
    <View className='claim-amounts'>
      <View className='claim-amount'>
        <Text className='claim-amount-label'>申请报销</Text>
        <Text className='claim-amount-value claim-claimed amount-text'>{claimed}</Text>
      </View>
      <View className='claim-amount'>
        <Text className='claim-amount-label'>核定报销</Text>
        <Text className={`claim-amount-value claim-approved ${approvedSet ? 'amount-text' : 'claim-approved--pending'}`}>{approved}</Text>
      </View>
    </View>
  )
}

/** One part of a claim that was not paid: its name, why, and how much. */
export interface DeductionLine { key: string; name: string; explanation: string; amount: string }

/** Why the approved amount is below the claimed one: the difference, then each part with its reason. */
export function ClaimDeductions ({ title, parts }: { title: string; parts: readonly DeductionLine[] }) {
  if (!parts.length) return null
  return (
    <ClaimCard className='claim-deductions' title={title}>
      {parts.map((p) => (
        <View key={p.key} className='deduction'>
          <View className='deduction-head'>
            <Text className='deduction-name'>{p.name}</Text>
            <Text className='deduction-amount amount-text'>{p.amount}</Text>
          </View>
          <Text className='deduction-explanation'>{p.explanation}</Text>
        </View>
      ))}
    </ClaimCard>
  )
}

/** 下一步 (or 办理结果 once final), in the tone's colours. */
export function ClaimNextStep ({ tone, final, text }: { tone: ClaimTone; final: boolean; text: string }) {
  return (
    <View className={`claim-next claim-next--${tone}`}>
      <Text className='claim-next-label' {...heading(2)}>{final ? '办理结果' : '下一步'}</Text>
      <Text className='claim-next-text'>{text}</Text>
    </View>
  )
}

/** A white card with a title (a section heading): the timeline, the materials. */
export function ClaimCard ({ className, title, children }: PropsWithChildren<{ className: string; title: string }>) {
  return (
    <View className={`claim-card ${className}`}>
      <Text className='claim-card-title' {...heading(2)}>{title}</Text>
      {children}
    </View>
  )
}

/** The numbered list of what is missing (nothing when none is), with the page's note under it. */
export function ClaimMaterials ({ materials, note }: { materials: readonly string[]; note?: string }) {
  if (!materials.length) return null
  return (
    <ClaimCard className='claim-materials' title={`需要补充的材料（${materials.length} 项）`}>
      {materials.map((m, i) => (
        <View key={m} className='material'>
          <Text className='material-no' aria-hidden='true'>{i + 1}</Text>
          <Text className='material-name'>{m}</Text>
        </View>
      ))}
      {note ? <Text className='claim-card-note'>{note}</Text> : null}
    </ClaimCard>
  )
}
