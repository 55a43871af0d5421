// The current entry (how the person arrived), read at App launch and at every App show; `whenRoutable` runs the
// routing when this platform allows it. Default variant (jest, tsc): the H5 reader. Each build has its own:
// entry.weapp.ts, entry.alipay.ts, entry.h5.ts; the parsing itself is entry-parse.ts, shared by all.
export { readEntry, whenRoutable } from './entry.h5'
