// The demo generator's seeded random numbers: sfc32 seeded through splitmix32, plus the few helpers it needs.

/** splitmix32: spreads a 32-bit seed over the state words so that nearby seeds give unrelated streams. */
function splitmix32 (seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x9e3779b9) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    return (z ^ (z >>> 16)) >>> 0
  }
}

/** FNV-1a over a label, so that `fork('person-1')` is stable whatever else the generator asks for. */
function hashLabel (label: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** sfc32 (PractRand-tested, 128-bit state): deterministic across Node versions, unlike Math.random. */
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number
  readonly seed: number

  constructor (seed: number) {
    this.seed = seed >>> 0
    const mix = splitmix32(this.seed)
    this.a = mix(); this.b = mix(); this.c = mix(); this.d = mix()
    for (let i = 0; i < 12; i++) this.nextUint32()
  }

  nextUint32 (): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0
    this.d = (this.d + 1) >>> 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) >>> 0
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0
    this.c = (this.c + t) >>> 0
    return t
  }

  /** Uniform in [0, 1). */
  next (): number {
    return this.nextUint32() / 4294967296
  }

  /** Uniform integer in [min, max], both included. */
  int (min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`bad range ${min}..${max}`)
    return min + Math.floor(this.next() * (max - min + 1))
  }

  pick<T> (items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list')
    return items[this.int(0, items.length - 1)]!
  }

  /** True with probability p. */
  chance (p: number): boolean {
    return this.next() < p
  }

  /**
   * An independent stream named by `label`: each person draws from their own fork, so a change to one
   * person's story does not reshuffle everybody else's.
   */
  fork (label: string): Prng {
    return new Prng((Math.imul(this.seed ^ 0x5bd1e995, 0x2c1b3c6d) ^ hashLabel(label)) >>> 0)
  }
}
