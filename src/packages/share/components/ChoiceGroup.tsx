// A row of two or three large choices, one of them chosen (how long a share lives, whether amounts show): easier to
// read and to hit than a picker or a small switch, and read out as a radio group.
import { Text, View } from '@tarojs/components'
import { a11y, pressable } from '../../../components/a11y'
import './ChoiceGroup.scss'

interface ChoiceGroupProps<T extends string> {
  /** What is being chosen (also the group's spoken name). */
  title: string
  options: ReadonlyArray<{ value: T, label: string }>
  value: T
  onChange: (value: T) => void
  /** Modifier class of the group (its options carry `<className>-option`). */
  className: string
  disabled?: boolean
}

export default function ChoiceGroup<T extends string> ({ title, options, value, onChange, className, disabled = false }: ChoiceGroupProps<T>) {
  return (
    <View className={`choice-group ${className}`}>
      <Text className='choice-title'>{title}</Text>
      <View className='choice-options' {...a11y('radiogroup', title)}>
        {options.map((o) => {
          const on = o.value === value
          const choose = () => { if (!disabled) onChange(o.value) }
          return (
            <View
              key={o.value} className={`choice ${className}-option ${on ? 'choice--on' : ''}`}
              {...a11y('radio')} aria-checked={on} aria-disabled={disabled} {...pressable(choose)}
              onClick={choose}
            >
              {on ? <Text className='choice-mark' aria-hidden='true'>✓ </Text> : null}
              {o.label}
            </View>
          )
        })}
      </View>
    </View>
  )
}
