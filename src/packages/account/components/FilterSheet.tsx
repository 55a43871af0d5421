// A sheet of choices rising from the bottom, as a modal dialog: a title that names it, one button per choice (the
// chosen one says 已选), 取消. On H5 it takes the focus when it opens, keeps it (the page behind is inert, Escape
// closes) and gives it back to the control that opened it when it closes. Also the frame around a date picker.
import { useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { a11y, button } from '../../../components/a11y'
import { modalKeys, useModalFocus } from '../../../components/modal-focus'
import './FilterSheet.scss'

export interface SheetOption<T> {
  key: string
  label: string
  selected: boolean
  value: T
}

let made = 0

/** What stays live while a sheet is open: its own root, overlay included (a tap on it closes the sheet). */
const SHEET_ROOT = { root: '.filter-sheet-root' }

/** A unique id prefix for one mounted sheet (its title and its dialog). */
export function useSheetId (): string {
  const [id] = useState(() => `filter-sheet-${++made}`)
  return id
}

interface FrameProps {
  visible: boolean
  title: string
  className: string
  onCancel: () => void
  /** The id of the control that opened the sheet: it gets the focus back. */
  returnTo?: string
  children: ReactNode
  /** 取消 at the bottom (a picker has its own buttons). */
  cancel?: boolean
}

/**
 * The dialog around a sheet's content: overlay, its title as its name (aria-label, which the mini-programs render
 * too, where aria-labelledby is not), Escape and the overlay cancel.
 */
export function SheetFrame ({ visible, title, className, onCancel, returnTo, children, cancel = true }: FrameProps) {
  const id = useSheetId()
  useModalFocus(visible, id, { ...SHEET_ROOT, returnTo })
  if (!visible) return null
  return (
    <View className='filter-sheet-root'>
      <View className='filter-sheet-overlay' aria-hidden='true' onClick={onCancel} />
      <View id={id} className={`filter-sheet ${className}`} {...a11y('dialog', title)} aria-modal='true' {...modalKeys(onCancel)}>
        <Text className='filter-sheet-title' aria-hidden='true'>{title}</Text>
        {children}
        {cancel ? <View className='filter-sheet-cancel' {...button(onCancel)} onClick={onCancel}><Text>取消</Text></View> : null}
      </View>
    </View>
  )
}

interface SheetProps<T> {
  visible: boolean
  title: string
  className: string
  options: Array<SheetOption<T>>
  /** Said instead of the choices while there are none (still loading, or why not). */
  emptyText?: string
  onSelect: (option: SheetOption<T>) => void
  onCancel: () => void
  returnTo?: string
}

interface WrapProps {
  visible: boolean
  title: string
  className: string
  returnTo?: string
  children: ReactNode
}

/**
 * The modal dialog around a NutUI picker, which draws its own popup and title but gives it no role: named by the
 * title, focused on opening, the page behind inert, the focus back on closing.
 */
export function PickerDialog ({ visible, title, className, returnTo, children }: WrapProps) {
  const id = useSheetId()
  useModalFocus(visible, id, { ...SHEET_ROOT, returnTo })
  if (!visible) return null
  return (
    <View className='filter-sheet-root'>
      <View id={id} className={className} {...a11y('dialog', title)} aria-modal='true' {...modalKeys()}>
        {children}
      </View>
    </View>
  )
}

/** A sheet of choices, each a button; the chosen one is marked ✓ and named 已选. */
export default function FilterSheet<T> ({ visible, title, className, options, emptyText, onSelect, onCancel, returnTo }: SheetProps<T>) {
  return (
    <SheetFrame visible={visible} title={title} className={className} onCancel={onCancel} returnTo={returnTo}>
      {emptyText && !options.length ? <Text className='filter-sheet-note'>{emptyText}</Text> : null}
      <View className='filter-options'>
        {options.map((option) => (
          <View
            key={option.key} className={option.selected ? 'filter-option filter-option--selected' : 'filter-option'}
            {...button(() => onSelect(option), option.selected ? `${option.label}，已选` : option.label)} onClick={() => onSelect(option)}
          >
            <Text className='filter-option-label'>{option.label}</Text>
            {option.selected ? <Text className='filter-option-mark' aria-hidden='true'>✓</Text> : null}
          </View>
        ))}
      </View>
    </SheetFrame>
  )
}
