// A modal dialog, done once for every dialog: NutUI's Dialog for the look, and inside it our own view with what a
// screen reader needs (role dialog, aria-modal, its title as a heading that names it). On H5 the dialog takes the
// focus when it opens and gives it back when it closes, and the page behind is made inert meanwhile: aria-modal
// alone hides nothing in Chromium's tree and lets Tab wander behind the overlay.
import { useEffect, useId, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { a11y, heading } from './a11y'
import './ModalDialog.scss'

interface ModalDialogProps {
  visible: boolean
  title: string
  /** NutUI's outer class, for the dialog's own sizes. */
  className?: string
  children: ReactNode
  /** The dialog may be dismissed (Escape on H5); leave out for one that needs an answer. */
  onClose?: () => void
}

type KeyEvent = { key: string, preventDefault: () => void }

/** Marks everything outside `box` inert, level by level up to <body>; returns what it marked, to unmark. */
function inertOutside (box: HTMLElement): Element[] {
  const marked: Element[] = []
  for (let node: HTMLElement = box; node.parentElement && node !== document.body; node = node.parentElement) {
    for (const sibling of Array.from(node.parentElement.children)) {
      if (sibling === node || sibling.hasAttribute('inert') || sibling.tagName === 'SCRIPT' || sibling.tagName === 'STYLE') continue
      sibling.setAttribute('inert', '')
      marked.push(sibling)
    }
  }
  return marked
}

/** H5: focus into the dialog once NutUI has drawn it, the page behind inert; both undone when it closes. */
function useModalFocus (visible: boolean, id: string) {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !visible) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    let marked: Element[] = []
    let frame = 0
    let tries = 0
    const enter = () => {
      const box = document.getElementById(id)
      // Not drawn yet (NutUI's opening animation), or on a page kept hidden behind the one shown (Taro H5 keeps
      // them, and the consent store opens the privacy dialog on every page that has one): not this one's turn.
      if (!box || box.getClientRects().length === 0) {
        if (tries++ < 60) frame = requestAnimationFrame(enter)
        return
      }
      marked = inertOutside(box)
      box.focus({ preventScroll: true })
    }
    frame = requestAnimationFrame(enter)
    return () => {
      cancelAnimationFrame(frame)
      for (const el of marked) el.removeAttribute('inert')
      if (opener?.isConnected && !opener.closest('[inert]')) opener.focus({ preventScroll: true })
    }
  }, [visible, id])
}

export default function ModalDialog ({ visible, title, className, children, onClose }: ModalDialogProps) {
  // Unique per dialog: Taro H5 keeps earlier pages in the document, each perhaps with the same dialog.
  const id = `modal${useId().replace(/:/g, '')}`
  useModalFocus(visible, id)
  const titleId = `${id}-title`
  const keys = process.env.TARO_ENV === 'h5'
    ? {
        tabIndex: -1,
        onKeyDown: (e: KeyEvent) => {
          if (e.key === 'Escape' && onClose) {
            e.preventDefault()
            onClose()
          }
        },
      }
    : {}
  return (
    <Dialog
      className={className ? `modal-dialog-host ${className}` : 'modal-dialog-host'} visible={visible}
      footer={null} closeOnOverlayClick={false} lockScroll={false} onClose={onClose}
    >
      <View id={id} className='modal-dialog' {...a11y('dialog', title)} aria-modal='true' aria-labelledby={titleId} {...keys}>
        <Text id={titleId} className='modal-dialog-title' {...heading(2)}>{title}</Text>
        {children}
      </View>
    </Dialog>
  )
}
