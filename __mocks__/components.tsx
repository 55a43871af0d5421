// Unit-layer stand-in for @tarojs/components: plain DOM elements that keep className, style, events and data-*.
import { createElement, forwardRef, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode }

const PASSED = new Set(['className', 'style', 'onClick', 'id', 'children', 'disabled', 'value', 'placeholder',
  'type', 'onInput', 'onFocus', 'onBlur', 'src', 'role', 'tabIndex', 'onKeyDown'])

function pick (props: Props): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props)) {
    if (PASSED.has(key) || key.startsWith('data-') || key.startsWith('aria-')) out[key] = value
  }
  if (props.maxlength != null) out.maxLength = props.maxlength
  if (props.maxLength != null) out.maxLength = props.maxLength
  if (props.ariaLabel != null) out['aria-label'] = props.ariaLabel
  if (props.ariaRole != null) out.role = props.ariaRole
  return out
}

function make (tag: string, name: string) {
  const Component = forwardRef<HTMLElement, Props>((props, ref) => createElement(tag, { ...pick(props), ref }))
  Component.displayName = name
  return Component
}

export const View = make('div', 'View')
export const Text = make('span', 'Text')
export const Button = make('button', 'Button')
export const Image = make('img', 'Image')
export const ScrollView = make('div', 'ScrollView')
export const Input = forwardRef<HTMLInputElement, Props>((props, ref) => {
  // Controlled by its parent like Taro's Input: an onInput without React's onChange warning.
  const { onInput, value, ...rest } = pick(props)
  return createElement('input', { ...rest, ref, value: value ?? '', onChange: onInput })
})
Input.displayName = 'Input'
// Taro's Label: a <label>, its `for` the htmlFor that ties it to an input's id.
export const Label = forwardRef<HTMLLabelElement, Props>((props, ref) => createElement('label', { ...pick(props), htmlFor: props.for, ref }))
Label.displayName = 'Label'
