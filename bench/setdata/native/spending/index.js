/* global Page, wx */
// The native baseline page: rows appended with one setData of path keys (list[i] per new row); nothing windows.
Page({
  data: { list: [] },
  /** Appends these rows (the same plain objects the Taro page's store prepares): one setData, one key per row. */
  append (rows) {
    const start = this.data.list.length
    const patch = {}
    for (let i = 0; i < rows.length; i++) patch['list[' + (start + i) + ']'] = rows[i]
    this.setData(patch)
  },
  open (event) {
    wx.navigateTo({ url: '/spending-detail/index?id=' + event.currentTarget.dataset.id })
  },
})
