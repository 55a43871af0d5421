// One claim's progress as 报销详情 and the family view both draw it: the stage block (tag, 已办结, title, and the
// lines each page adds), the two amounts, the next step, the missing materials, and a card for the timeline.
import type { PropsWithChildren } from 'react'
import { Text, View } from '@tarojs/components'
import { Tag } from '@nutui/nutui-react-taro'
import './ClaimProgress.scss'

/** The claim's tone (under way, done well, needs attention) and the NutUI tag type that shows it. */
export type ClaimTone = 'progress' | 'success' | 'warn'
type TagType = 'primary' | 'success' | 'warning'

interface StatusProps { tone: ClaimTone; tagType: TagType; stage: string; final: boolean; title: string }

/** The top of the page: the stage tag, 已办结 when it is, the title; children are the page's own lines below. */
export function ClaimStatus ({ tone, tagType, stage, final, title, children }: PropsWithChildren<StatusProps>) {
  return (
    <View className={`claim-status claim-status--${tone}`}>
      <View className='claim-status-head'>
        <Tag className={`claim-stage stage--${tone}`} type={tagType} round>{stage}</Tag>
        {final ? <Text className='claim-final'>已办结</Text> : null}
      </View>
      <Text className='claim-title'>{title}</Text>
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

/** 下一步 (or 办理结果 once final), in the tone's colours. */
export function ClaimNextStep ({ tone, final, text }: { tone: ClaimTone; final: boolean; text: string }) {
  return (
    <View className={`claim-next claim-next--${tone}`}>
      <Text className='claim-next-label'>{final ? '办理结果' : '下一步'}</Text>
      <Text className='claim-next-text'>{text}</Text>
    </View>
  )
}

/** A white card with a title: the timeline, the materials. */
export function ClaimCard ({ className, title, children }: PropsWithChildren<{ className: string; title: string }>) {
  return (
    <View className={`claim-card ${className}`}>
      <Text className='claim-card-title'>{title}</Text>
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
          <Text className='material-no'>{i + 1}</Text>
          <Text className='material-name'>{m}</Text>
        </View>
      ))}
      {note ? <Text className='claim-card-note'>{note}</Text> : null}
    </ClaimCard>
  )
}
