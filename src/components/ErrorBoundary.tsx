// A page's safety net: an error thrown while drawing it shows this instead of a white screen — what happened in plain
// words, 重新加载 (draw the page again) and 返回首页 — and is handed to `onError` once for the log. React catches
// render errors only in a class component.
import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react'
import Button from './Button'
import Hotline from './Hotline'
import LoadFailed from './LoadFailed'

interface ErrorBoundaryProps {
  children?: ReactNode
  onError: (error: unknown) => void
  onHome: () => void
}

interface ErrorBoundaryState { failed: boolean; attempt: number }

export default class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  state: ErrorBoundaryState = { failed: false, attempt: 0 }

  static getDerivedStateFromError (): Partial<ErrorBoundaryState> {
    return { failed: true }
  }

  componentDidCatch (error: Error, _info: ErrorInfo): void {
    this.props.onError(error)
  }

  // A new key draws the page's tree afresh (its components' state as on first opening).
  private retry = () => this.setState((s) => ({ failed: false, attempt: s.attempt + 1 }))

  render () {
    if (!this.state.failed) return <Fragment key={this.state.attempt}>{this.props.children}</Fragment>
    return (
      <LoadFailed className='page-failed' title='这个页面出了点问题' message='请点“重新加载”再试；如果还是这样，请先返回首页，稍后再来。'>
        <Button className='page-failed-retry' type='primary' onClick={this.retry}>重新加载</Button>
        <Button className='page-failed-home' onClick={this.props.onHome}>返回首页</Button>
        <Hotline />
      </LoadFailed>
    )
  }
}
