// The system clock: the Clock the running server uses (tests give the app a clock they control instead).
import type { Clock } from '../domain/ports'

export const systemClock: Clock = { now: () => new Date() }
