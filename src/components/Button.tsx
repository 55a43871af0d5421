// The app's button: NutUI's Button with what a screen reader and a keyboard need on every target. On H5 NutUI's
// button is `taro-button-core`, which a browser treats as no button at all (no role, no focus, Enter does nothing);
// here it gets role button, its name (`label` when the text is not it), focus, Enter / Space, and aria-disabled
// while it cannot be pressed. Mini-programs draw WeChat's and Alipay's own button, which their readers know.
import type { ComponentProps } from 'react'
import { Button as NutButton } from '@nutui/nutui-react-taro'
import { button } from './a11y'

type Props = Omit<Partial<ComponentProps<typeof NutButton>>, 'onClick'> & {
  onClick?: () => void
  /** The screen reader's name when the visible text alone does not say what the button does. */
  label?: string
}

export default function Button ({ label, onClick, disabled, loading, ...rest }: Props) {
  const blocked = Boolean(disabled || loading)
  const press = () => { if (!blocked) onClick?.() }
  return (
    <NutButton
      {...rest} disabled={disabled} loading={loading} onClick={() => onClick?.()}
      {...button(press, label)} {...(blocked ? { 'aria-disabled': 'true' } : {})}
    />
  )
}
