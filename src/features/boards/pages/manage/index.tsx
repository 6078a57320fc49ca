import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { EntryStatus, MembershipView } from '@contract'
import { ENTRY_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Choice, Choices, Empty, Row, TextField } from '@/shared/ui'
import { getBoardSettings, manageEntries, setBoardSettings } from '../../api'
import { EntryCard } from '../../components/entry-card'
import { BoardsPage } from '../../components/gate'

/** the states the committee works through, in the order it meets them */
const STATES: EntryStatus[] = ['notice', 'appealed', 'published', 'withdrawn', 'expired', 'draft']

/** 榜单管理: the village's entries by state, 新建榜单条目, the 四会, and the board settings. */
export default function ManagePage() {
  return (
    <BoardsPage what='管理榜单' committee>
      {(m) => <Manage membership={m} />}
    </BoardsPage>
  )
}

function Manage({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const [status, setStatus] = useState<EntryStatus>('notice')
  const query = useQuery(() => manageEntries(villageId, status), [villageId, status])
  useReloadOnShow(query)
  const go = (url: string) => void Taro.navigateTo({ url })
  const counts = query.data?.counts

  return (
    <View>
      <View className='vh-title'>{`${membership.village.name} · 榜单管理`}</View>
      <Button kind='primary' block onClick={() => go(pageUrl('boards.create'))}>
        新建榜单条目
      </Button>
      <Card>
        <Row label='四会成员' onClick={() => go(pageUrl('boards.councils'))}>
          <Text className='vh-muted'>任命、免去</Text>
        </Row>
        <Row label='评议推荐' onClick={() => go(pageUrl('boards.nominations'))}>
          <Text className='vh-muted'>善行义举榜推荐</Text>
        </Row>
      </Card>
      <Choices label='按状态查看'>
        {STATES.map((s) => (
          <Choice key={s} on={s === status} onClick={() => setStatus(s)}>
            <Text>{`${ENTRY_STATUS_LABELS[s]}${counts ? ` ${counts[s]}` : ''}`}</Text>
          </Choice>
        ))}
      </Choices>
      <Async query={query} isEmpty={(d) => d.entries.length === 0} empty={<Empty text={`没有「${ENTRY_STATUS_LABELS[status]}」的条目`} />}>
        {(d) => (
          <>
            {d.entries.map((e) => (
              <EntryCard key={e.id} entry={e} showStatus onOpen={() => go(pageUrl('boards.entry', { entryId: e.id }))} />
            ))}
          </>
        )}
      </Async>
      <SettingsCard villageId={villageId} />
    </View>
  )
}

function SettingsCard({ villageId }: { villageId: string }) {
  const query = useQuery(() => getBoardSettings(villageId), [villageId])
  const [edit, setEdit] = useState<{ notice: string; expiry: string } | null>(null)
  const save = useMutation((notice: number, expiry: number) => setBoardSettings(villageId, notice, expiry), { success: '已保存', onSuccess: () => (setEdit(null), query.reload()) })

  function submit() {
    if (!edit) return
    const [notice, expiry] = [Number(edit.notice), Number(edit.expiry)]
    if (!Number.isInteger(notice) || !Number.isInteger(expiry)) return save.fail('天数请填整数')
    void save.run(notice, expiry)
  }

  return (
    <Card title='榜单设置'>
      <Async query={query}>
        {(s) =>
          edit ? (
            <View>
              <TextField label='公示前告知天数' value={edit.notice} placeholder='1至30天' maxlength={2} error={save.fieldErrors.noticeDays} onChange={(v) => setEdit({ ...edit, notice: v })} />
              <TextField label='公示有效期（天）' value={edit.expiry} placeholder='7至730天' maxlength={3} error={save.fieldErrors.expiryDays} onChange={(v) => setEdit({ ...edit, expiry: v })} />
              <Alert message={save.error} />
              <View className='bd-links'>
                <Button kind='primary' loading={save.busy} onClick={submit}>
                  保存设置
                </Button>
                <Button disabled={save.busy} onClick={() => (setEdit(null), save.reset())}>
                  取消
                </Button>
              </View>
            </View>
          ) : (
            <View>
              <Row label='公示前告知'>
                <Text>{`${s.noticeDays} 天`}</Text>
              </Row>
              <Row label='公示有效期'>
                <Text>{`${s.expiryDays} 天`}</Text>
              </Row>
              {s.updatedAt && <Text className='vh-muted bd-block'>{`${s.updatedByName ?? ''} ${formatTime(s.updatedAt)} 修改`}</Text>}
              <Button kind='plain' onClick={() => setEdit({ notice: String(s.noticeDays), expiry: String(s.expiryDays) })}>
                修改设置
              </Button>
            </View>
          )
        }
      </Async>
    </Card>
  )
}
