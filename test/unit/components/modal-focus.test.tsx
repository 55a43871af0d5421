// The one focus hook every modal dialog uses on H5: the focus goes in only once the dialog is drawn (NutUI's opening
// transition; a dialog on a page kept hidden is never drawn and takes nothing), the rest of the document is inert
// meanwhile except the dialog's own root, a focus dropped while it settles is given again, and on close the focus
// goes back to the named control or else to the opener. Escape takes the dialog's way out.
import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { modalKeys, useModalFocus, type ModalFocusOptions } from '../../../src/components/modal-focus'

/** Which elements jsdom should treat as drawn (it lays nothing out: every getClientRects is empty). */
const drawn = new Set<string>()
const realRects = HTMLElement.prototype.getClientRects
beforeAll(() => {
  HTMLElement.prototype.getClientRects = function (this: HTMLElement) {
    return (drawn.has(this.id) ? [{ width: 10, height: 10 }] : []) as unknown as DOMRectList
  }
})
afterAll(() => { HTMLElement.prototype.getClientRects = realRects })
beforeEach(() => { jest.useFakeTimers(); drawn.clear() })
afterEach(() => { cleanup(); jest.useRealTimers() })

const frames = (n: number) => act(() => { jest.advanceTimersByTime(17 * n) })

function Page ({ open, options }: { open: boolean, options?: ModalFocusOptions }) {
  useModalFocus(open, 'dlg', options)
  return (
    <main>
      <button id='opener' type='button'>打开</button>
      <button id='other' type='button'>别的按钮</button>
      <section className='sheet-root'>
        <div className='overlay' />
        {open ? <div id='dlg' role='dialog' aria-label='问题' {...modalKeys()}><button type='button'>好</button></div> : null}
      </section>
    </main>
  )
}

const byId = (id: string) => document.getElementById(id)!
const inert = () => Array.from(document.querySelectorAll('[inert]')).map((el) => el.id || el.className || el.tagName.toLowerCase())

test('the focus goes in only once the dialog is drawn; the rest is inert; on close the focus returns to the opener', () => {
  const { rerender } = render(<Page open={false} />)
  byId('opener').focus()
  rerender(<Page open />)
  frames(3)
  // Still in its opening transition: nothing taken yet.
  expect(document.activeElement).toBe(byId('opener'))
  expect(inert()).toEqual([])

  drawn.add('dlg')
  frames(1)
  expect(document.activeElement).toBe(byId('dlg'))
  expect(inert()).toEqual(expect.arrayContaining(['opener', 'other', 'overlay']))
  expect(byId('dlg').closest('[inert]')).toBeNull()

  rerender(<Page open={false} />)
  expect(inert()).toEqual([])
  expect(document.activeElement).toBe(byId('opener'))
})

test('a focus dropped while the dialog settles is given again; the root option keeps the overlay live; returnTo wins', () => {
  drawn.add('dlg')
  const { rerender } = render(<Page open={false} options={{ root: '.sheet-root', returnTo: 'other' }} />)
  byId('opener').focus()
  rerender(<Page open options={{ root: '.sheet-root', returnTo: 'other' }} />)
  frames(1)
  expect(document.activeElement).toBe(byId('dlg'))
  expect(inert()).toEqual(expect.arrayContaining(['opener', 'other']))
  expect(inert()).not.toContain('overlay')

  // NutUI's transition hides the dialog for a moment and the browser drops its focus.
  byId('dlg').blur()
  expect(document.activeElement).toBe(document.body)
  frames(1)
  expect(document.activeElement).toBe(byId('dlg'))

  rerender(<Page open={false} options={{ root: '.sheet-root', returnTo: 'other' }} />)
  expect(document.activeElement).toBe(byId('other'))
})

test('a dialog never drawn (on a page kept hidden behind the shown one) takes nothing', () => {
  const { rerender } = render(<Page open={false} />)
  byId('opener').focus()
  rerender(<Page open />)
  frames(90)
  expect(document.activeElement).toBe(byId('opener'))
  expect(inert()).toEqual([])
})

test('modalKeys: focusable by script only, Escape takes the way out when there is one', () => {
  const close = jest.fn()
  const { getByRole } = render(<div role='dialog' aria-label='问题' {...modalKeys(close)} />)
  const dialog = getByRole('dialog')
  expect(dialog.getAttribute('tabindex')).toBe('-1')
  fireEvent.keyDown(dialog, { key: 'Enter' })
  expect(close).not.toHaveBeenCalled()
  fireEvent.keyDown(dialog, { key: 'Escape' })
  expect(close).toHaveBeenCalledTimes(1)
  // No way out (a question that needs an answer): Escape does nothing.
  cleanup()
  const { getByRole: again } = render(<div role='dialog' aria-label='问题' {...modalKeys()} />)
  fireEvent.keyDown(again('dialog'), { key: 'Escape' })
  expect(close).toHaveBeenCalledTimes(1)
})
