// 我的分享 (signed in and verified): each grant with its claim, whom it is for, until when, whether amounts show, how
// often and when it was opened, and its status; 撤回 one or 全部撤回 after a confirmation; with none yet, how to share.
import { useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useUnload } from '@tarojs/taro'
import { Dialog, Skeleton, Tag } from '@nutui/nutui-react-taro'
import Button from '../../../../components/Button'
import { observer } from 'mobx-react-lite'
import { rootStore } from '../../../../stores/index'
import AccountGate from '../../../../pages/AccountGate'
import { useAccountPage } from '../../../../pages/account-page'
import { mySharesStore } from '../../stores/wiring'
import type { ShareRow } from '../../stores/my-shares-store'
import { CLAIMS_PAGE } from '../../../../routes'
import PageRoot from '../../../../pages/PageRoot'
import LoadFailed from '../../../../components/LoadFailed'
import { heading } from '../../../../components/a11y'
import './index.scss'

const STATUS_TAGS: Readonly<Record<ShareRow['status'], 'success' | 'default'>> = { active: 'success', expired: 'default', revoked: 'default' }

function MySharesPage () {
  const store = mySharesStore()
  const { session, consent } = rootStore

  useAccountPage()
  const may = session.signedIn && consent.mayShowAccount
  // Read afresh on every visit and after a verification: views and expiries change while the person is away.
  useEffect(() => { if (may) void store.load() }, [may, store, session.token, session.verifiedUntil])
  usePullDownRefresh(() => {
    void store.load().finally(() => { void Taro.stopPullDownRefresh() })
  })
  useUnload(store.forgetNotice)

  const rows = store.rows
  let body
  if (!store.items) {
    body = <Skeleton className='page-skeleton' rows={8} animated />
  } else if (rows.length === 0) {
    body = (
      <LoadFailed
        className='list-empty shares-empty' mark='0' title='还没有分享过'
        message='在“报销详情”里点“分享给家人”，家人不用登录就能看到那一笔报销的进度。每位家人单独一份，您随时可以在这里撤回。'
      >
        <Button className='shares-claims-btn' type='primary' fill='outline' onClick={() => { void Taro.navigateTo({ url: CLAIMS_PAGE }) }}>查看报销进度</Button>
      </LoadFailed>
    )
  } else {
    body = (
      <>
        {store.refreshError ? <Text className='page-notice refresh-error'>{store.refreshError}</Text> : null}
        {store.notice ? <Text className='shares-notice'>{store.notice}</Text> : null}
        <View className='shares-head'>
          <Text className='shares-head-text' {...heading(2)}>{store.activeCount ? `${store.activeCount} 份分享仍然有效` : '目前没有有效的分享'}</Text>
          {store.activeCount
            ? <Button className='revoke-all-btn' type='primary' fill='outline' size='small' onClick={store.askRevokeAll}>全部撤回</Button>
            : null}
        </View>
        {rows.map((r) => <ShareItem key={r.id} row={r} onRevoke={() => store.askRevoke(r.id)} />)}
        <Text className='shares-foot'>已失效的分享保留 30 天，方便您查看家人是否打开过。</Text>
      </>
    )
  }

  const target = store.target
  return (
    <>
      <PageRoot className='my-shares-page'>
        <AccountGate what='我的分享' error={store.error} loading={store.loading} onRetry={() => { void store.load() }}>
          {body}
        </AccountGate>
      </PageRoot>
      <Dialog
        className='revoke-dialog' visible={target != null} title={target?.kind === 'all' ? '全部撤回？' : '撤回这份分享？'}
        closeOnOverlayClick={false} lockScroll={false} onClose={store.cancelRevoke} footerDirection='vertical'
        footer={(
          <>
            <Button className='revoke-confirm-btn' type='primary' block loading={store.revoking} disabled={store.revoking} onClick={() => { void store.confirmRevoke() }}>
              {target?.kind === 'all' ? '全部撤回' : '撤回'}
            </Button>
            <Button className='revoke-cancel-btn' fill='none' block disabled={store.revoking} onClick={store.cancelRevoke}>不撤回</Button>
          </>
        )}
      >
        <Text className='dialog-text'>
          {target?.kind === 'all'
            ? `${target.count} 份有效的分享都会失效，家人再打开链接会看到“链接已失效”。`
            : target ? `“${target.title}”（${target.recipient}）的分享会失效，家人再打开链接会看到“链接已失效”。` : ''}
        </Text>
        {store.revokeError ? <Text className='dialog-error'>{store.revokeError}</Text> : null}
      </Dialog>
    </>
  )
}

function ShareItem ({ row, onRevoke }: { row: ShareRow, onRevoke: () => void }) {
  return (
    <View className={`share-item share-item--${row.status}`}>
      <View className='share-item-head'>
        <Text className='share-item-title' {...heading(3)}>{row.title}</Text>
        <Tag className={`share-item-status share-status--${row.status}`} type={STATUS_TAGS[row.status]} round>{row.statusName}</Tag>
      </View>
      <Text className='share-item-recipient'>{row.recipient}</Text>
      <Text className='share-item-line share-item-expiry'>{row.expiry}</Text>
      <Text className='share-item-line share-item-amounts'>{row.amounts}</Text>
      <Text className='share-item-line share-item-views'>{row.views}</Text>
      {row.active
        ? <Button className='revoke-btn' type='primary' fill='outline' size='small' label={`撤回“${row.title}”（${row.recipient}）的分享`} onClick={onRevoke}>撤回</Button>
        : null}
    </View>
  )
}

export default observer(MySharesPage)
