// 消费记录's rows on WeChat: a native component fed one page of display-ready rows (strings prepared in the store),
// so a new page costs about what a native page's setData does, and a page that leaves the screen keeps its rows here
// and draws nothing (`visible` false): moving the window sends a boolean, not the rows (see docs/long-lists.md).
/* global Component */
// Bundled by the Taro build like the pages, so the row heights come from the module the list windows by.
const { SPENDING_ROW_RPX, SPENDING_ROW_ELDER_RPX } = require('../spending-row')

Component({
  options: { virtualHost: true },
  properties: {
    rows: { type: Array, value: [] },
    visible: { type: Boolean, value: false },
    // 长辈模式: the taller row of spending-row.json (its type is larger), a long name on two lines.
    elder: { type: Boolean, value: false },
  },
  // Set once with the component, never sent again: each row's style (a stylesheet cannot read the module).
  data: { rowStyle: `height: ${SPENDING_ROW_RPX}rpx`, elderRowStyle: `height: ${SPENDING_ROW_ELDER_RPX}rpx` },
  methods: {
    open (event) {
      this.triggerEvent('open', { id: event.currentTarget.dataset.id })
    },
  },
})
