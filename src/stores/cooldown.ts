// Asking for an SMS code, the same way everywhere: one request at a time, then the wait before another may be asked
// for (whole seconds counted down on an injected clock), and the server's sentence when it says no.
import { makeAutoObservable, runInAction } from 'mobx'
import { ApiError } from '../services/http'

/** Used when an answer names no wait of its own (the server's resend interval). */
export const DEFAULT_RESEND_SECONDS = 60

export interface SessionClock {
  now (): number
  setInterval (fn: () => void, ms: number): ReturnType<typeof setInterval>
  clearInterval (id: ReturnType<typeof setInterval>): void
}

export const realClock: SessionClock = {
  now: () => Date.now(),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (id) => clearInterval(id),
}

/** The server's sentence for the person, or ours when no answer came. */
export function messageOf (error: unknown, fallback: string): string {
  return error instanceof ApiError ? error.message : fallback
}

/**
 * A refusal to send more codes for a while (a daily or hourly cap, not the minute between two codes): worth offering
 * another way in, such as the query password.
 */
function longLimit (error: unknown): boolean {
  return error instanceof ApiError && error.code === 'rate_limited' && (error.retryAfterSeconds ?? Infinity) > 60
}

export class Cooldown {
  /** Seconds before the next request; 0 means now. */
  seconds = 0
  /** A request for a code is under way. */
  sending = false

  private timer: ReturnType<typeof setInterval> | null = null

  constructor (private readonly clock: SessionClock = realClock) {
    makeAutoObservable<this, 'timer' | 'clock'>(this, { timer: false, clock: false }, { autoBind: true })
  }

  /** Neither a request under way nor a wait running. */
  get canSend (): boolean {
    return !this.sending && this.seconds === 0
  }

  /**
   * Asks for a code (`send` below), one request at a time: what the server answered, or the sentence to show when
   * it did not send one (and whether codes are refused for longer than a minute). Callers check `canSend` first.
   */
  async request<T extends { resendAfterSeconds: number }> (ask: () => Promise<T>): Promise<{ sent: T } | { error: string, limited: boolean }> {
    this.sending = true
    try {
      return { sent: await this.send(ask) }
    } catch (error) {
      return { error: messageOf(error, '验证码发送失败，请稍后重试'), limited: longLimit(error) }
    } finally {
      runInAction(() => { this.sending = false })
    }
  }

  start (seconds: number): void {
    this.stop()
    this.seconds = Math.max(0, Math.ceil(seconds))
    if (this.seconds === 0) return
    this.timer = this.clock.setInterval(() => this.tick(), 1000)
  }

  /**
   * Asks for a code and starts the wait the answer names; a `rate_limited` refusal starts its Retry-After wait.
   * The error still reaches the caller, which shows its words.
   */
  async send<T extends { resendAfterSeconds: number }> (request: () => Promise<T>): Promise<T> {
    try {
      const sent = await request()
      this.start(sent.resendAfterSeconds || DEFAULT_RESEND_SECONDS)
      return sent
    } catch (error) {
      if (error instanceof ApiError && error.code === 'rate_limited' && error.retryAfterSeconds) this.start(error.retryAfterSeconds)
      throw error
    }
  }

  stop (): void {
    if (this.timer != null) this.clock.clearInterval(this.timer)
    this.timer = null
  }

  private tick (): void {
    this.seconds = Math.max(0, this.seconds - 1)
    if (this.seconds === 0) this.stop()
  }
}
