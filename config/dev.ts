// Development build settings: watch builds and the H5 dev server (which forwards /api to the local server).
import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  // Taro 4.2.0's prebundle crashes the H5 dev server ("_writeVirtualFile is not a function").
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  mini: {},
  h5: {
    // Loopback only, and the API on the same origin as in production, where the server serves dist/h5.
    devServer: {
      host: '127.0.0.1',
      port: 10086,
      proxy: [{ context: ['/api'], target: 'http://127.0.0.1:12393' }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
