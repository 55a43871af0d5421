// What the app reports when a page fails to draw (its error boundary) — for the server's log, never stored, and by
// construction without personal data: the page's route (no query), the error's kind and a shortened message whose
// digit runs the app has already replaced, and the first lines of the stack (file and function names).
import { Type, type Static } from 'typebox'

const Line = Type.String({ maxLength: 200 })

export const ClientErrorReport = Type.Object({
  page: Type.String({ maxLength: 120, pattern: '^[a-z0-9/_-]*$', description: '出错页面的路由（不含参数），如 packages/account/pages/claim/index' }),
  kind: Type.Union([Type.Literal('render'), Type.Literal('unhandled')], { description: 'render 页面绘制出错（错误边界接住）；unhandled 其他未处理的错误' }),
  name: Type.String({ maxLength: 60, pattern: '^[A-Za-z0-9_$.]*$', description: '错误类型，如 TypeError' }),
  message: Line,
  stack: Type.Optional(Type.Array(Line, { maxItems: 12, description: '调用栈的前几行' })),
  build: Type.Optional(Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9._-]*$', description: '小程序版本或构建号' })),
}, { additionalProperties: false })
export type ClientErrorReport = Static<typeof ClientErrorReport>
