// A question before something that cannot be undone by a tap (撤回同意): a modal dialog a screen reader announces by
// its title, that takes focus when it opens and gives it back when it closes (H5), and Escape answers no.
// NutUI's Dialog drops ARIA props, so the dialog's semantics are on our own view inside it.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Dialog } from '@nutui/nutui-react-taro'
import { a11y, button, heading } from '../../../components/a11y'
import './ConfirmDialog.scss'

interface ConfirmDialogProps {
  /** Unique on the page: the ids of the dialog and of its title derive from it. */
  id: string
  visible: boolean
  title: string
  lines: string[]
  confirmLabel: string
  cancelLabel: string
  busy: boolean
  /** Why the last answer did not go through, in words for the person. */
  error: string | null
  /** The id of the element that opened the dialog: focus goes back to it on close (H5). */
  returnFocusTo?: string
  onConfirm: () => void
  onCancel: () => void
}

type KeyEvent = { key: string, preventDefault: () => void }

export default function ConfirmDialog (p: ConfirmDialogProps) {
  const titleId = `${p.id}-title`
  useFocusInside(p.id, p.visible, p.returnFocusTo)
  const cancel = () => { if (!p.busy) p.onCancel() }
  const escape = process.env.TARO_ENV === 'h5'
    ? { tabIndex: -1, onKeyDown: (e: KeyEvent) => { if (e.key === 'Escape') { e.preventDefault(); cancel() } } }
    : {}
  return (
    <Dialog className='confirm-dialog' visible={p.visible} footer={null} closeOnOverlayClick={false} lockScroll={false} onClose={cancel}>
      <View id={p.id} className='confirm-dialog-box' {...a11y('dialog', p.title)} aria-modal='true' aria-labelledby={titleId} {...escape}>
        <Text id={titleId} className='confirm-dialog-title' {...heading(2)}>{p.title}</Text>
        {p.lines.map((line, i) => <Text key={i} className='confirm-dialog-line'>{line}</Text>)}
        {p.error ? <Text className='confirm-dialog-error' {...a11y('alert')}>{p.error}</Text> : null}
        <View className='confirm-dialog-actions'>
          <Button
            className='confirm-dialog-confirm' type='primary' size='large' block loading={p.busy} disabled={p.busy}
            {...button(p.onConfirm)} onClick={p.onConfirm}
          >
            {p.confirmLabel}
          </Button>
          <Button className='confirm-dialog-cancel' fill='outline' size='large' block disabled={p.busy} {...button(cancel)} onClick={cancel}>
            {p.cancelLabel}
          </Button>
        </View>
      </View>
    </Dialog>
  )
}

/**
 * H5: while open, focus is inside the dialog (on the dialog itself, so its title is read first); on close it goes
 * back to the element that opened it, when it is still there. Mini-programs move their screen reader by themselves.
 */
function useFocusInside (id: string, visible: boolean, returnTo: string | undefined): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !visible) return
    // NutUI mounts and shows the dialog over its opening transition, hiding it for a moment (which drops a focus
    // given too early): for about a second, whenever nothing inside the dialog has the focus, the dialog takes it.
    let frame = 0
    let frames = 0
    const focus = () => {
      const dialog = document.getElementById(id)
      if (dialog && !dialog.contains(document.activeElement)) dialog.focus()
      if (frames++ < 60) frame = requestAnimationFrame(focus)
    }
    focus()
    return () => {
      cancelAnimationFrame(frame)
      if (returnTo) document.getElementById(returnTo)?.focus()
    }
  }, [id, visible, returnTo])
}
