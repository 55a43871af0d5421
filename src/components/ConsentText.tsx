// A consent document's sections as the person reads them: each heading, then its paragraphs (the server's text).
import { Text, View } from '@tarojs/components'
import type { ConsentSection } from '../../types/api/consent'
import { heading } from './a11y'
import './ConsentText.scss'

interface ConsentTextProps {
  sections: ConsentSection[]
  className?: string
}

export default function ConsentText ({ sections, className = '' }: ConsentTextProps) {
  return (
    <View className={`consent-text ${className}`.trim()}>
      {sections.map((s, i) => (
        <View key={i} className='consent-section'>
          <Text className='consent-heading' {...heading(3)}>{s.heading}</Text>
          {s.paragraphs.map((p, j) => <Text key={j} className='consent-paragraph'>{p}</Text>)}
        </View>
      ))}
    </View>
  )
}
