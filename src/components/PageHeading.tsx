// A page's title as a level-1 heading for screen readers where the navigation bar already draws it for the eye (the
// bar is no heading): drawn nowhere (app.scss `.sr-only`), read first.
import { Text } from '@tarojs/components'
import { heading } from './a11y'

export default function PageHeading ({ title }: { title: string }) {
  return <Text className='sr-only page-heading-hidden' {...heading(1)}>{title}</Text>
}
