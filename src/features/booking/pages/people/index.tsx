import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { BookingPersonView, MembershipView } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { usePages } from '@/shared/api/use-pages'
import { useDebounced } from '@/shared/use-debounced'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { askConfirm } from '@/shared/confirm'
import { Alert, Async, Button, Card, Empty, LoadMore, Tag } from '@/shared/ui'
import { getPeople, setPerson } from '../../api'
import { BookingPage, servesVillage } from '../../components/gate'
import { useVillageWords } from '@/features/account/words'

/** 长者登记 (staff, ?villageId=): members with birth year, age and no-shows; record a birth year, reset no-shows. */
export default function PeoplePage() {
  const { committee } = useVillageWords()
  return <BookingPage what='查看长者登记' allow={servesVillage} refused={`只有服务中心工作人员和${committee}可以查看长者登记`}>{(m) => <People membership={m} />}</BookingPage>
}

function People({ membership }: { membership: MembershipView }) {
  const { here, people } = useVillageWords(membership.village.kind)
  const villageId = membership.villageId
  const [q, setQ] = useState('')
  const term = useDebounced(q.trim())
  // a page at a time in name order (加载更多), or the server's matches of what was typed
  const pages = usePages((after) => getPeople(villageId, term || undefined, after), [villageId, term], (p) => ({ items: p.people.map((x) => ({ ...x, id: x.personId })), next: p.next }))
  useReloadOnShow(pages.first)
  /** rows as the server answered after a change (its 门牌号 as the row had it) */
  const [changed, setChanged] = useState<Record<string, Omit<BookingPersonView, 'doorplate'>>>({})
  const saving = useMutation((personId: string, change: { birthYear?: number | null; resetNoShows?: boolean }) => setPerson({ villageId, personId, ...change }), {
    success: (p, _id, change) => (change.resetNoShows ? `${p.name}的爽约次数已清零` : `已登记${p.name}的出生年份`),
    onSuccess: (p) => setChanged((c) => ({ ...c, [p.personId]: p })),
  })
  return (
    <>
      <Input className='vh-field__input' value={q} placeholder='输入姓名或门牌号查找' maxlength={20} onInput={(e) => setQ(e.detail.value)} />
      <Alert message={saving.error} />
      <Async query={pages.first} isEmpty={(p) => p.people.length === 0 && !term} empty={<Empty text={`${here}还没有${people}加入`} />}>
        {(p) => {
          const shown = pages.items.map((x) => ({ ...x, ...changed[x.personId] }))
          return (
            <>
              <Text className='vh-muted vh-block'>{`${p.total === null ? `找到 ${shown.length}${p.narrow ? '+' : ''} 人` : `共 ${p.total} 人`}；出生年份用于判断长者饭堂等服务的年龄条件`}</Text>
              {term && shown.length === 0 && <Empty text='没有找到，换个字试试' />}
              {shown.map((x) => (
                <PersonCard key={x.personId} person={x} busy={saving.busy} onSave={(change) => saving.run(x.personId, change)} />
              ))}
              {p.narrow && <Text className='vh-muted vh-block'>找到的人太多，请多输入几个字</Text>}
              <LoadMore more={pages.hasMore} busy={pages.loadingMore} error={pages.moreError} onLoad={pages.loadMore} />
            </>
          )
        }}
      </Async>
    </>
  )
}

function PersonCard({ person: p, busy, onSave }: { person: BookingPersonView; busy: boolean; onSave: (change: { birthYear?: number | null; resetNoShows?: boolean }) => Promise<unknown> }) {
  const [year, setYear] = useState(p.birthYear === null ? '' : String(p.birthYear))
  const [error, setError] = useState<string | null>(null)
  function saveYear() {
    const t = year.trim()
    if (t && !/^(19|20)\d\d$/.test(t)) return setError('请填写4位出生年份，如 1953')
    setError(null)
    void onSave({ birthYear: t ? Number(t) : null })
  }
  async function reset() {
    if (await askConfirm('爽约次数清零？', `${p.name}已爽约${p.noShows}次，清零后可以重新在手机上预约。`, '清零')) await onSave({ resetNoShows: true })
  }
  return (
    <Card title={p.name} extra={p.needsStaff ? <Tag tone='red'>需现场办理</Tag> : p.age !== null ? <Tag>{`${p.age}岁`}</Tag> : <Tag tone='grey'>未登记年龄</Tag>}>
      {p.doorplate && <Text className='bk-line vh-muted'>{p.doorplate}</Text>}
      <View className='bk-slot__head'>
        <Input className='vh-field__input' type='number' value={year} placeholder='出生年份，如 1953' maxlength={4} onInput={(e) => (setYear(e.detail.value), setError(null))} />
        <Button disabled={busy || year === (p.birthYear === null ? '' : String(p.birthYear))} onClick={saveYear}>
          保存
        </Button>
      </View>
      <Alert message={error} />
      <View className='bk-slot__head'>
        <Text className='bk-nowrap'>{`爽约 ${p.noShows} 次`}</Text>
        {p.noShows > 0 && (
          <Button kind='plain' disabled={busy} onClick={() => void reset()}>
            清零
          </Button>
        )}
      </View>
    </Card>
  )
}
