// What the parent (run.ts) and its child processes (prepare.ts, app-server.ts, bare-server.ts) share.

/** The data set's "today": fixed, so that a reused database and the filter dates stay valid. */
export const AS_OF = new Date('2026-11-20T08:00:00+08:00')
/** The filter the person sets on 消费记录: outpatient visits of the last year (China calendar dates, inclusive). */
export const FILTER = { type: 'outpatient' as const, from: '2025-11-20', to: '2026-11-20', limit: 20 }
/** How many pages (first page, then following the cursor) the request mix cycles through, at most. */
export const MAX_PAGES = 5

export interface PagePlan {
  /** 1-based page number. */
  page: number
  /** The sealed cursor the app's previous page answered (null for the first page). */
  cursor: string | null
  /** The same position in the clear, for the bare route: strictly older than (t, id). */
  before: { t: string; id: number } | null
  items: number
}

export interface Prepared {
  engine: 'pglite' | 'pg'
  serverVersion: string
  personId: number
  settlements: number
  personEntries: number
  /** The person's settlements that match FILTER. */
  filteredEntries: number
  /** FILTER's dates as the instants the domain queries with (from inclusive, to exclusive). */
  range: { from: string; to: string }
  pages: PagePlan[]
  token: string
  explainFirst: string[]
  explainDeep: string[] | null
  reused: boolean
  writer: 'fast' | 'seeder'
  generateMs: number
  writeMs: number
  analyzeMs: number
  dataDir?: string
}

/** prepare.ts prints its result on one line starting with this. */
export const PREPARED_PREFIX = 'BENCH_PREPARED '
