// What every modal dialog needs on H5, done once: the focus goes into the dialog when it is drawn, the page behind
// is inert meanwhile (aria-modal alone hides nothing in Chromium's tree and lets Tab wander behind an overlay), and
// the focus comes back when it closes; Escape answers the dialog's way out. Mini-programs move their screen reader
// themselves and have no keyboard, so all of this is H5 only.
import { useEffect } from 'react'

type KeyEvent = { key: string, preventDefault: () => void }

/** How many frames to wait for the dialog to be drawn, and to keep the focus in it while it settles (about 1 s). */
const SETTLE_FRAMES = 60

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

export interface ModalFocusOptions {
  /** The id of the control that opened the dialog: it gets the focus back (else whatever had it before). */
  returnTo?: string
  /**
   * A selector for the dialog's own root (matched with `closest`): what is inside it stays live, e.g. a sheet's
   * overlay that closes it when tapped. Without it, only the dialog's own view stays live.
   */
  root?: string
}

/**
 * H5: while `open`, the dialog whose element has `id` takes the focus once it is drawn (NutUI's opening transition
 * mounts it hidden for a moment, and Taro H5 keeps earlier pages in the document, hidden, perhaps with the same
 * dialog: a dialog not drawn is not yet this one's turn) and keeps it while it settles; everything outside it is
 * inert. Undone when it closes, and the focus goes back.
 */
export function useModalFocus (open: boolean, id: string, { returnTo, root }: ModalFocusOptions = {}): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || !open) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    let marked: Element[] | null = null
    let frame = 0
    let frames = 0
    const settle = () => {
      const box = document.getElementById(id)
      if (box && box.getClientRects().length > 0) {
        if (!marked) marked = inertOutside((root ? box.closest(root) as HTMLElement | null : null) ?? box)
        // A focus given during the opening transition can be dropped: give it again until it stays.
        if (!box.contains(document.activeElement)) box.focus({ preventScroll: true })
      }
      if (frames++ < SETTLE_FRAMES) frame = requestAnimationFrame(settle)
    }
    frame = requestAnimationFrame(settle)
    return () => {
      cancelAnimationFrame(frame)
      for (const el of marked ?? []) el.removeAttribute('inert')
      const back = (returnTo ? document.getElementById(returnTo) : null) ?? opener
      if (back?.isConnected && !back.closest('[inert]')) back.focus({ preventScroll: true })
    }
  }, [open, id, returnTo, root])
}

/** The dialog's own view on H5: focusable by script (not by Tab), and Escape takes the way out when there is one. */
export function modalKeys (onEscape?: () => void): Record<string, unknown> {
  if (process.env.TARO_ENV !== 'h5') return {}
  return {
    tabIndex: -1,
    onKeyDown: (e: KeyEvent) => {
      if (e.key === 'Escape' && onEscape) {
        e.preventDefault()
        onEscape()
      }
    },
  }
}
