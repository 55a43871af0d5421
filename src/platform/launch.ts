// Which build this is and how the app was entered, for the server's access log (X-Client-Channel, X-Entry-Scene).
// Default variant (jest, tsc): no launch scene. The mini-program variants read the launch options.
import type { ClientChannel } from './types'

export const channel: ClientChannel = 'h5'

export function entryScene (): string | null {
  return null
}
