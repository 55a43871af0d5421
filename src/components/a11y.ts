// What a screen reader needs from a control on every target: its role and name
// (H5 `role` + `aria-label`, WeChat `aria-role` + `aria-label`, Alipay `role` + `aria-label`), and on H5 focus
// and Enter / Space for a tappable view, which a browser does not give a custom element by itself.
type KeyEvent = { key: string, preventDefault: () => void }

/** The role (and the name, when the visible text alone does not say it) of a view. */
export function a11y (role: string, label?: string): Record<string, string> {
  const props: Record<string, string> = process.env.TARO_ENV === 'weapp' ? { 'aria-role': role } : { role }
  if (label) props['aria-label'] = label
  return props
}

/** A tappable view that a keyboard reaches and presses on H5 (mini-programs have no keyboard focus). */
export function pressable (press: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return {}
  return {
    tabIndex: 0,
    onKeyDown: (e: KeyEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault()
        press()
      }
    },
  }
}

/**
 * A button made of a view or of NutUI's Button (which is no button to a browser: `taro-button-core` has no role and
 * takes no focus): its role, its name when the text is not it, and on H5 focus with Enter / Space.
 */
export function button (press: () => void, label?: string): Record<string, unknown> {
  return { ...a11y('button', label), ...pressable(press) }
}

/** A page or section title: a heading of `level` (1 the page, 2 a section) to a screen reader on every target. */
export function heading (level: 1 | 2 | 3): Record<string, string> {
  return { ...a11y('heading'), 'aria-level': String(level) }
}

/**
 * The name of a NutUI / Taro input (its placeholder goes away as the person types): on H5 an `aria-label` on the
 * native <input> inside Taro's element, through Taro's `nativeProps`. Mini-programs read the placeholder.
 */
export function inputName (label: string): { nativeProps?: Record<string, string> } {
  return process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': label } } : {}
}
