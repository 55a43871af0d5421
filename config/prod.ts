// Production build settings (minified; nothing differs from the shared configuration yet).
import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
