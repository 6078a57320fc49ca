import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { DeletionView, MyData } from '@contract'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { askConfirm } from '@/shared/confirm'
import { formatTime } from '@/shared/time'
import { pageUrl } from '@/routes'
import { Alert, Async, Button, Card, LoadMore, Page, Tag, TextField } from '@/shared/ui'
import { getMyData, requestDeletion } from '../../api'
import { useAccount } from '../../store'

const line = { display: 'block', margin: '0.15em 0' } as const
const item = { padding: '0.45em 0', borderTop: '1px solid #f0ebe3' } as const

/**
 * 我的个人信息: everything the app holds about me, by section (个人信息保护法: the right to see it), each read when
 * opened; 导出 (a copy of it all to the clipboard, read section by section) and 申请注销, which a committee confirms.
 */
export default function MyDataPage() {
  const query = useQuery(() => getMyData(), [])
  return (
    <Page>
      <Async query={query}>{(data) => <MyDataView data={data} onChanged={() => void query.reload()} />}</Async>
    </Page>
  )
}

type Section = NonNullable<MyData['section']>
type SectionKey = Section['key']

/** every page of one section, read one after another (the export) */
async function wholeSection(key: SectionKey): Promise<Section> {
  let read = (await getMyData(key, 0)).section!
  while (read.next !== null) {
    const more = (await getMyData(key, read.next)).section!
    read = { ...more, items: [...read.items, ...more.items] }
  }
  return read
}

function MyDataView({ data, onChanged }: { data: MyData; onChanged: () => void }) {
  const exported = useMutation(
    async () => {
      // one section after another: each is a few reads on the server, all of them at once would be too many
      const sections: Section[] = []
      for (const s of data.sections) sections.push(await wholeSection(s.key))
      await Taro.setClipboardData({ data: JSON.stringify({ 导出时间: formatTime(data.at), 个人: data.person, 内容: sections }, null, 2) })
    },
    { success: '已复制，可粘贴保存' },
  )
  return (
    <View>
      <Card title={`${data.person.name}的个人信息`}>
        <Text className='vh-muted' style={line}>本程序保存的与您有关的全部信息，按类别列在下面，点「查看」逐类读取。微信身份只用于认出您本人，不显示、不导出。</Text>
        <Button kind='primary' block loading={exported.busy} onClick={() => void exported.run()}>
          导出（复制全部内容）
        </Button>
        <Alert message={exported.error} />
      </Card>
      {data.sections.map((s) => (
        <SectionCard key={s.key} head={s} />
      ))}
      <DeletionCard deletion={data.deletion} onChanged={onChanged} />
    </View>
  )
}

/** One section: its note, then its items once asked for, a page at a time. */
function SectionCard({ head }: { head: MyData['sections'][number] }) {
  const [read, setRead] = useState<Section | null>(null)
  const load = useMutation(async (page: number) => {
    const more = (await getMyData(head.key, page)).section!
    setRead((was) => (was && page > 0 ? { ...more, items: [...was.items, ...more.items] } : more))
  })
  return (
    <Card title={head.title} extra={read ? <Text className='vh-muted'>{`${read.items.length}${read.next !== null ? '+' : ''} 条`}</Text> : null}>
      <Text className='vh-muted' style={line}>{head.note}</Text>
      {!read ? (
        <>
          <Button kind='plain' block loading={load.busy} onClick={() => void load.run(0)}>
            查看
          </Button>
          <Alert message={load.error} />
        </>
      ) : (
        <>
          {read.items.length === 0 ? (
            <Text className='vh-muted' style={line}>没有</Text>
          ) : (
            read.items.map((it, i) => (
              <View key={i} style={item}>
                <Text style={{ ...line, fontWeight: 600 }}>{it.title}</Text>
                {it.lines.map((l, j) => (
                  <Text key={j} style={line}>{l}</Text>
                ))}
                {it.at !== null && <Text className='vh-muted' style={line}>{formatTime(it.at)}</Text>}
              </View>
            ))
          )}
          <LoadMore more={read.next !== null} busy={load.busy} error={load.error} onLoad={() => void load.run(read.next ?? 0)} />
        </>
      )}
    </Card>
  )
}

/**
 * 申请注销: asked once; a committee confirms; a ballot in an open topic makes it wait. The texts speak of all the
 * person's villages at once, which may be a village and a community: 村（居）委会 names both.
 */
function DeletionCard({ deletion, onChanged }: { deletion: DeletionView | null; onChanged: () => void }) {
  const [reason, setReason] = useState('')
  const ask = useMutation(requestDeletion, {
    success: (r) => (r.status === 'done' ? '已注销' : '已提交，请等待村（居）委会核实'),
    onSuccess: async (r) => {
      // once done, this WeChat account is a new visitor: the account reloads to say so
      if (r.status !== 'done') return onChanged()
      await useAccount.getState().load()
      await Taro.switchTab({ url: pageUrl('me') })
    },
  })
  if (deletion?.status === 'erasing') {
    return (
      <Card title='注销申请' extra={<Tag tone='gold'>正在删除</Tag>}>
        <Text style={line}>村（居）委会已核实您的注销申请，您的个人信息正在删除，完成后本微信账号将回到新访客状态。</Text>
      </Card>
    )
  }
  if (deletion?.status === 'pending') {
    return (
      <Card title='注销申请' extra={<Tag tone='gold'>待核实</Tag>}>
        <Text style={line}>{`您在 ${formatTime(deletion.createdAt)} 申请注销个人信息，${deletion.villages.join('、')}的村（居）委会核实后办理。`}</Text>
        {deletion.blocked && <Alert message={deletion.blocked} />}
      </Card>
    )
  }
  const submit = async () => {
    const ok = await askConfirm('申请注销个人信息', '注销后，您的姓名、入村登记、承诺、通知将被删除；评论和已结束议题的选票保留但不再显示您的名字。村（居）委会核实后办理，不能撤销。')
    if (ok) await ask.run(reason.trim())
  }
  return (
    <Card title='注销个人信息'>
      <Text className='vh-muted' style={line}>不再使用本程序时，可以申请删除您的个人信息。正在表决的议题结束前不能注销。</Text>
      <TextField label='原因（可不填）' value={reason} maxlength={200} onChange={setReason} error={ask.fieldErrors.reason} />
      <Button kind='danger' block loading={ask.busy} onClick={() => void submit()}>
        申请注销
      </Button>
      <Alert message={ask.error} />
    </Card>
  )
}
