// The demo institutions with their live entry codes, from the generator itself (the one source of them), for the
// JavaScript test layers that cannot import TypeScript: read once per process through tsx.
const { execFileSync } = require('node:child_process')
const { join } = require('node:path')

const root = join(__dirname, '..', '..')
let cached = null

function demoInstitutions () {
  cached ??= JSON.parse(execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['-e',
    "import { DEMO_INSTITUTIONS } from './server/demo/generator'; process.stdout.write(JSON.stringify(DEMO_INSTITUTIONS))"],
  { cwd: root, env: { ...process.env, NODE_OPTIONS: '' }, encoding: 'utf8' }))
  return cached
}

module.exports = { demoInstitutions }
