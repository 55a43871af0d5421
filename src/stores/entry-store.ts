// How the person arrived and where that sends them: the current entry (its kind and scene go to the server's access
// log as X-Entry-Scene), the route to follow once per entry (an entry seen at launch and again at the first show,
// or at the show after the scanner closed, routes once), and the one sentence 首页 shows for what could not be read.
import { makeAutoObservable } from 'mobx'
import { targetUrl, type Entry, type UnreadableSource } from '../platform/entry-parse'

/** Where to go: a new start for a platform entry (launch, warm start), a page on top for the in-app scanner. */
export interface EntryRoute {
  url: string
  how: 'relaunch' | 'navigate'
}

const UNREADABLE: Readonly<Record<UnreadableSource, string>> = {
  // Shown on 首页 itself: what to do next, not where to go.
  qr: '二维码无法识别，请扫描医院医保窗口张贴的二维码',
  link: '链接无法打开，可能不完整或已失效，请让发给您的人重新发送',
  scan: '二维码无法识别，请扫描医院医保窗口张贴的二维码',
  paste: '链接无法识别，请粘贴医院二维码下方的网址，或家人发给您的链接',
}

export class EntryStore {
  /** The entry now in force (null before the app has read one). */
  current: Entry | null = null
  /** The sentence for an entry that could not be read, until 首页 takes it. */
  notice: string | null = null
  private seen: string | null = null

  constructor () {
    makeAutoObservable<this, 'seen'>(this, { seen: false }, { autoBind: true })
  }

  /** `<kind>:<platform scene or 0>` for X-Entry-Scene, or null before any entry. */
  get sceneHeader (): string | null {
    return this.current ? `${this.current.kind}:${this.current.scene}` : null
  }

  /** An entry the platform gave at App launch or show. Null: nothing to do (seen already, landed, a plain open). */
  arrive (entry: Entry): EntryRoute | null {
    if (entry.key === this.seen) return null
    this.seen = entry.key
    this.current = entry
    return this.follow(entry, 'relaunch')
  }

  /** What 首页's 扫一扫 read (or the link pasted on H5): its page on top of 首页, or 首页's sentence. */
  scanned (entry: Entry): EntryRoute | null {
    this.current = entry
    return this.follow(entry, 'navigate')
  }

  /** The scanner would not open (no camera permission, an old client): 首页 says so. */
  scanFailed (): null {
    this.notice = '扫一扫没有打开，请稍后再试；也可以用手机相机扫描医院的二维码'
    return null
  }

  /** The sentence, once: 首页 shows it and it is gone for the next visit. */
  takeNotice (): string | null {
    const notice = this.notice
    this.notice = null
    return notice
  }

  private follow (entry: Entry, how: EntryRoute['how']): EntryRoute | null {
    const target = entry.target
    if (!target) return null
    if (target.page === 'home') {
      this.notice = UNREADABLE[target.unreadable]
      // A scan happens on 首页 itself; a platform entry that opened another page goes to 首页 for the sentence.
      return entry.landed || how === 'navigate' ? null : { url: targetUrl(target), how }
    }
    this.notice = null // a readable entry after an unreadable one: that sentence no longer applies
    return entry.landed ? null : { url: targetUrl(target), how }
  }
}
