// The in-app scanner (首页's 扫一扫): what the platform's camera read, for the entry parser. Default variant (jest,
// tsc): the H5 one, with no camera. Each build has its own: scan.weapp.ts, scan.alipay.ts, scan.h5.ts.
import type { ScanContent } from './entry-parse'

/** What came back: the code's content, or how the scanner ended without one. */
export type ScanOutcome = { content: ScanContent } | 'cancelled' | 'failed' | 'unsupported'

export interface Scanner {
  /** This build can open a camera scanner; H5 cannot (首页 offers to paste a link instead). */
  camera: boolean
  scan (): Promise<ScanOutcome>
}

export { scanner } from './scan.h5'
