// H5: a browser has no launch scene (a hospital QR code's query arrives in the URL, handled by its page).
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'h5'

export function entryScene (): string | null {
  return null
}
