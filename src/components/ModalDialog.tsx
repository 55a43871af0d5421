// A modal dialog, done once for every dialog: NutUI's Dialog for the look, and inside it our own view with what a
// screen reader needs (role dialog, aria-modal, its title as a heading that names it). On H5 it takes the focus when
// drawn, keeps the page behind inert and gives the focus back when it closes (`useModalFocus`); Escape closes it
// when it may be dismissed. Its buttons are its direct children: deeper ones pass the mini-program's template depth.
import { useId, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Dialog } from '@nutui/nutui-react-taro'
import { a11y, heading } from './a11y'
import { modalKeys, useModalFocus } from './modal-focus'
import './ModalDialog.scss'

interface ModalDialogProps {
  visible: boolean
  title: string
  /** NutUI's outer class, for the dialog's own sizes. */
  className?: string
  children: ReactNode
  /** The dialog may be dismissed (Escape on H5); leave out for one that needs an answer, or while it is busy. */
  onClose?: () => void
  /** The id of the control that opened it: the focus goes back there on close (H5). */
  returnTo?: string
}

export default function ModalDialog ({ visible, title, className, children, onClose, returnTo }: ModalDialogProps) {
  // Unique per dialog: Taro H5 keeps earlier pages in the document, each perhaps with the same dialog.
  const id = `modal${useId().replace(/:/g, '')}`
  useModalFocus(visible, id, { returnTo })
  const titleId = `${id}-title`
  return (
    <Dialog
      className={className ? `modal-dialog-host ${className}` : 'modal-dialog-host'} visible={visible}
      footer={null} closeOnOverlayClick={false} lockScroll={false} onClose={onClose}
    >
      <View id={id} className='modal-dialog' {...a11y('dialog', title)} aria-modal='true' aria-labelledby={titleId} {...modalKeys(onClose)}>
        <Text id={titleId} className='modal-dialog-title' {...heading(2)}>{title}</Text>
        {children}
      </View>
    </Dialog>
  )
}
