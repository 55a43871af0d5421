// A form field with its visible label (it stays while the person types, where a placeholder goes), tied to the
// input on every target, and the form's error line tied to the field it is about and announced. H5: a real
// <label for> naming the native <input> inside Taro's element (whose id, aria-describedby and aria-invalid go there
// through Taro's `nativeProps`). WeChat and Alipay: their <label for> (a tap on it focuses the field) and the input's
// own aria-label, which their screen readers read once the field has text.
import { useId, type ReactNode } from 'react'
import { Label, Text, View } from '@tarojs/components'
import './FormField.scss'

/** How one field stands against the form's error line. */
export interface FieldError {
  /** The error line's id while it speaks about this field (or about the whole form). */
  errorId?: string
  /** The error is this field's own check. */
  invalid?: boolean
}

/** A prefix for a page's field ids, unique in the document: Taro H5 keeps earlier pages, perhaps this one twice. */
export function useFieldPrefix (): string {
  return `f${useId().replace(/[^A-Za-z0-9]/g, '')}`
}

/**
 * Props for NutUI's Input (it hands them to Taro's): the id its label points at, its name, its error, and on H5 the
 * hints that say what to type (`hintId`: the ids of lines on the page, space-separated, read after the name).
 */
export function fieldInput (id: string, label: string, error: FieldError = {}, hintId?: string): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return { id, 'aria-label': label }
  const native: Record<string, string> = { id }
  const describedBy = [hintId, error.errorId].filter(Boolean).join(' ')
  if (describedBy) native['aria-describedby'] = describedBy
  if (error.invalid) native['aria-invalid'] = 'true'
  return { nativeProps: native }
}

/**
 * Which fields the form's error is about: the one whose own check, run on what it holds now, gives these very words
 * (described by the line, and invalid); an error no field's check gives (the server's answer: a wrong code, a wrong
 * password) speaks about the whole form, so every field is described by it. No error: nothing.
 */
export function errorTies<K extends string> (errorId: string, error: string | null | undefined, checks: Record<K, string | null>): Record<K, FieldError> {
  const fields = Object.keys(checks) as K[]
  const ties = {} as Record<K, FieldError>
  const own = error ? fields.find((f) => checks[f] === error) : undefined
  for (const f of fields) {
    ties[f] = !error ? {} : own ? (f === own ? { errorId, invalid: true } : {}) : { errorId }
  }
  return ties
}

interface FormFieldProps {
  label: string
  /** The input's id (the one given to `fieldInput`). */
  inputId: string
  className?: string
  /** Its own check failed: the frame turns the warning colour beside the error line's words. */
  invalid?: boolean
  /** The input, or a row with the input and its button. */
  children: ReactNode
}

/** One field: its label above it, then the field, one to a row. */
export default function FormField ({ label, inputId, className, invalid, children }: FormFieldProps) {
  const classes = ['form-field', className, invalid ? 'form-field-invalid' : null].filter(Boolean).join(' ')
  return (
    <View className={classes}>
      <Label className='form-field-label' for={inputId}>{label}</Label>
      {children}
    </View>
  )
}

interface FormErrorProps {
  id: string
  message: string | null | undefined
  /** The words' own class (the page's look, e.g. its lockout box). */
  className: string
}

/**
 * The form's error line: a live region that is always there, empty while all is well, so that the words are
 * announced when they come (a region added with its words is often not read; a mini-program view takes its ARIA
 * attributes only at its first render).
 */
export function FormError ({ id, message, className }: FormErrorProps) {
  return (
    <View id={id} className='form-error-live' aria-live='assertive'>
      {message ? <Text className={className}>{message}</Text> : null}
    </View>
  )
}
