// Tab titles and panes for NutUI's Tabs, with what a screen reader and a keyboard need: the titles are a tablist of
// tabs (aria-selected; Enter / Space on H5), each pane a tabpanel named by its tab, and the pane not shown is out of
// reach. NutUI keeps inactive panes beside the active one in a sliding strip: focusing or tapping into one scrolled
// the strip half over (the bug seen on 登录), so the hidden pane is invisible, inert and hidden from screen readers.
import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { a11y, pressable } from './a11y'
import './Tabs.scss'

export interface TabTitle<T extends string> {
  value: T
  title: string
  /** The title's own class (tests and styles find it by this). */
  className: string
  /** Greyed out and not selectable. */
  disabled?: boolean
}

const tabId = (idPrefix: string, value: string) => `${idPrefix}-tab-${value}`
const paneId = (idPrefix: string, value: string) => `${idPrefix}-pane-${value}`

/** The titles, for NutUI Tabs' `title` (NutUI's look and classes). */
export function tabTitles<T extends string> (idPrefix: string, tabs: Array<TabTitle<T>>, active: T | null, onSelect: (value: T) => void) {
  // One element in NutUI's list of titles: the tablist that holds them.
  return () => [
    <View key='tablist' className='a11y-tablist' {...a11y('tablist')}>
      {tabs.map((t) => {
        const selected = active === t.value
        const select = () => { if (!t.disabled) onSelect(t.value) }
        return (
          <View
            key={t.value} id={tabId(idPrefix, t.value)}
            className={`nut-tabs-titles-item ${t.className}` + (selected ? ' nut-tabs-titles-item-active' : '') +
              (t.disabled ? ' nut-tabs-titles-item-disabled' : '')}
            {...a11y('tab')} aria-selected={selected ? 'true' : 'false'} aria-controls={paneId(idPrefix, t.value)}
            {...(t.disabled ? {} : pressable(select))} onClick={select}
          >
            <View className='nut-tabs-titles-item-line nut-tabs-titles-item-line-horizontal' />
            <View className='nut-tabs-titles-item-text'>{t.title}</View>
          </View>
        )
      })}
    </View>,
  ]
}

/** A pane's content: a tabpanel named by its tab, and while another tab is shown, out of sight and reach. */
export function TabPanel ({ idPrefix, value, active, children }: { idPrefix: string, value: string, active: boolean, children: ReactNode }) {
  const away = process.env.TARO_ENV === 'h5' ? { inert: '' } : {}
  return (
    <View
      id={paneId(idPrefix, value)} className={active ? 'a11y-tabpanel' : 'a11y-tabpanel a11y-tabpanel-hidden'}
      {...a11y('tabpanel')} aria-labelledby={tabId(idPrefix, value)} aria-hidden={active ? 'false' : 'true'}
      {...(active ? {} : away)}
    >
      {children}
    </View>
  )
}
