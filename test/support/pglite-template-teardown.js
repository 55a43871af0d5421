// jest globalTeardown: remove the PGlite template dump made by the setup.
const { rmSync } = require('node:fs')
const { dirname } = require('node:path')

module.exports = async () => {
  if (process.env.PGLITE_TEMPLATE) rmSync(dirname(process.env.PGLITE_TEMPLATE), { recursive: true, force: true })
}
