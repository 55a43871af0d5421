// A row a person taps to go somewhere (首页's entries, 余额's ways into the lists): one look everywhere, one name for
// a screen reader (the title and the line under it), focus and Enter / Space on H5, and at least the tap size of
// the mode (44 CSS px; 长辈模式 48). NutUI's Cell drops ARIA props, so this is our own view.
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { button } from './a11y'
import './TapRow.scss'

interface Props {
  title: string
  onPress: () => void
  description?: string
  /** A short word at the end of the row (a count, 已撤回); the arrow is always drawn. */
  extra?: string
  /** A mark drawn before the title; hidden from screen readers (the title names the row). */
  icon?: ReactNode
  /** The screen reader's name when the visible words are not enough; else title, description and extra. */
  label?: string
  className?: string
}

export default function TapRow ({ title, onPress, description, extra, icon, label, className }: Props) {
  const name = label ?? [title, description, extra].filter(Boolean).join('，')
  return (
    <View className={className ? `tap-row ${className}` : 'tap-row'} {...button(onPress, name)} onClick={onPress}>
      {icon ? <View className='tap-row-icon' aria-hidden='true'>{icon}</View> : null}
      <View className='tap-row-body'>
        <Text className='tap-row-title'>{title}</Text>
        {description ? <Text className='tap-row-description'>{description}</Text> : null}
      </View>
      {extra ? <Text className='tap-row-extra'>{extra}</Text> : null}
      <Text className='tap-row-arrow' aria-hidden='true'>›</Text>
    </View>
  )
}
