// Where the built targets are: dist/<target>, or TEST_DIST/<target> for a build of one's own
// (OUTPUT_ROOT=$TEST_DIST/weapp taro build --type weapp) that a concurrent rebuild of dist/ cannot disturb.
const path = require('path')

function distDir (target) {
  return path.join(process.env.TEST_DIST || path.join(__dirname, '..', '..', 'dist'), target)
}

module.exports = { distDir }
