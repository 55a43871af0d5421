// The text size the person chose in the platform's own settings, in CSS px, or null where the build cannot read it
// (default variant: tsc, jest and H5, whose page follows the browser's zoom instead).
export function platformFontSize (): number | null {
  return null
}
