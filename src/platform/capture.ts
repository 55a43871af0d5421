// Keeping a page with personal data out of screen recordings: `hideFromCapture()` asks the platform to blank the page
// in a recording and returns the undo. Default variant (tsc, jest, H5 and Alipay, which have no such switch): nothing.
export function hideFromCapture (): () => void {
  return () => undefined
}
