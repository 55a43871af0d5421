// The Sass variables every stylesheet of the app may read: figures that code uses as well, kept once in src/ as JSON
// (which this configuration can load, where it loads no TypeScript from src/) and handed to Sass from here.
import spendingRow from '../src/packages/account/components/spending-row.json'

/** Sass code put before each stylesheet. */
export function sassVariables (): string {
  return `$spending-row-height: ${spendingRow.heightRpx}px; $spending-row-height-elder: ${spendingRow.elderHeightRpx}px;`
}
