import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { CountView, MembershipView, OptionTally, TopicDetail } from '@contract'
import { BALLOT_SOURCE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Async, Button, Card, Empty, Page, Tag } from '@/shared/ui'
import { getTopic, getTopicCount } from '../../api'
import { choiceLabels } from '../../components/my-ballot'
import { MembersOnly } from '../../components/committee-gate'
import { Hint } from '../../components/committee-kit'
import { TopicStatusTag } from '../../components/topic-status-tag'
import { isClosed, MODE_UNITS } from '../../labels'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

type Entry = CountView['entries'][number]

/** rows drawn at once; 显示更多 or a search reaches the rest */
const STEP = 200

/** K7Q2-M8XP, k7q2 m8xp and K7Q2M8XP are the same receipt */
export const normalizeReceipt = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, '')

/** Each option's votes counted from the entries themselves: anyone can do the same by hand. */
export function recount(count: Pick<CountView, 'entries' | 'options'>): Array<{ optionId: string; label: string; votes: number }> {
  return count.options.map((o) => ({ optionId: o.id, label: o.label, votes: count.entries.filter((e) => e.choices.includes(o.id)).length }))
}

/** the options whose recount differs from the published tally (empty: they agree) */
export function differences(recounted: Array<{ optionId: string; votes: number }>, published: OptionTally[]): string[] {
  return recounted.filter((r) => (published.find((p) => p.optionId === r.optionId)?.votes ?? 0) !== r.votes).map((r) => r.optionId)
}

async function load(villageId: string, topicId: string): Promise<{ detail: TopicDetail; count: CountView | null }> {
  const detail = await getTopic(villageId, topicId)
  if (!isClosed(detail.topic.status)) return { detail, count: null }
  // a count still being built: asking builds a batch or two of it, and says 生成中 if that was not all
  const count = await getTopicCount(villageId, topicId).catch((e: unknown) => (detail.countPending && e instanceof CallError && e.code === 'CONFLICT' ? null : Promise.reject(e)))
  return { detail, count }
}

/**
 * 计票清单 (?topicId=): a closed topic's published count, one line per counted ballot with only its
 * receipt, its choices and how it was cast, in receipt order (random codes); recounted here from the lines, beside the
 * published tally; its SHA-256; a search for a receipt, mine highlighted.
 */
export default function CountPage() {
  const topicId = usePageParam('topicId')
  return (
    <Page className='dlb-count-page'>
      <MembersOnly what='查看计票清单'>{(m) => (topicId ? <Count membership={m} topicId={topicId} /> : <Empty text='没有指定议题，请从议题页进入' />)}</MembersOnly>
    </Page>
  )
}

function Count({ membership, topicId }: { membership: MembershipView; topicId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => load(villageId, topicId), [villageId, topicId])
  useReloadOnShow(query)
  return (
    <Async query={query}>
      {({ detail, count }) =>
        count ? (
          <CountBody detail={detail} count={count} />
        ) : (
          <Card title={detail.topic.title} extra={<TopicStatusTag topic={detail.topic} />}>
            <Empty
              text={detail.countPending ? '计票清单生成中，请稍后再看' : '投票截止后公布计票清单'}
              action={<Button onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.topic', { topicId }) })}>查看议题</Button>}
            />
          </Card>
        )
      }
    </Async>
  )
}

function CountBody({ detail, count }: { detail: TopicDetail; count: CountView }) {
  const { committee } = useVillageWords()
  const topic = detail.topic
  const unit = MODE_UNITS[topic.mode]
  const [search, setSearch] = useState('')
  const [shown, setShown] = useState(STEP)
  const recounted = recount(count)
  const published = detail.tally ?? []
  const differ = differences(recounted, published)
  const mine = count.myReceipt ? count.entries.find((e) => e.receipt === count.myReceipt) ?? null : null
  const q = normalizeReceipt(search)
  const matching = q ? count.entries.filter((e) => normalizeReceipt(e.receipt).includes(q)) : count.entries

  async function copyHash() {
    try {
      await Taro.setClipboardData({ data: count.hash })
    } catch {
      Taro.showToast({ title: '复制失败，请长按校验码手动复制', icon: 'none' })
    }
  }

  return (
    <View>
      <Card title={topic.title} extra={<TopicStatusTag topic={topic} />}>
        <Text className='dlb-count-explain'>
          {`这是本议题的计票清单：每张计入的选票一行，只有回执码，不含姓名；任何人都可以据此重新计票。清单在投票截止${topic.closedAt ? `（${formatTime(topic.closedAt)}）` : ''}后生成，按回执码排列：回执码是随机的，看不出是谁投的。`}
        </Text>
        <Hint>投票时每张选票都有一个回执码，只有投票人自己知道。用回执码可以在下面找到自己的那一行，核对选票是否按您的选择计入。</Hint>
      </Card>

      {mine && (
        <Card title='您的选票在这里'>
          <EntryRow topic={topic} entry={mine} mine />
          <Button block onClick={() => setSearch(mine.receipt)}>
            在清单中查找我的回执码
          </Button>
        </Card>
      )}

      <Card title='自己重新计票'>
        <Text className='vh-muted dl-block'>{`按下面的清单逐行数出的票数（共 ${count.entries.length} 张选票，${count.entries.length} ${unit}参与）：`}</Text>
        <View className='dlb-count-recount'>
          {recounted.map((r) => (
            <View key={r.optionId} className='dlb-count-recount__row'>
              <Text>{r.label}</Text>
              <Text className='dlb-count-recount__num'>{`${r.votes} 票`}</Text>
            </View>
          ))}
        </View>
        {published.length > 0 &&
          (differ.length === 0 ? (
            <Text className='dlb-count-check'>✓ 与公布的各选项票数一致</Text>
          ) : (
            <Text className='dlb-count-check dlb-count-check--bad'>
              {`与公布的票数不一致：${differ.map((id) => `${choiceLabels(topic, [id])} 公布 ${published.find((p) => p.optionId === id)?.votes ?? 0} 票`).join('；')}。请联系${committee}核查。`}
            </Text>
          ))}
      </Card>

      <Card title='清单校验码（SHA-256）'>
        <Text className='dlb-count-hash' userSelect>
          {count.hash}
        </Text>
        <Hint>清单生成时，这个校验码已记入审计日志；清单若被改动，校验码就会不同。</Hint>
        <Button block onClick={() => void copyHash()}>
          复制校验码
        </Button>
      </Card>

      <Card title={`计票清单（${count.entries.length} 行）`}>
        <Input
          className='vh-field__input dlb-count-search'
          value={search}
          placeholder='输入回执码查找，如 K7Q2-M8XP'
          onInput={(e) => {
            setSearch(e.detail.value)
            setShown(STEP)
          }}
        />
        {count.entries.length === 0 ? (
          <Empty text='本议题没有计入的选票' />
        ) : matching.length === 0 ? (
          <Empty text={`清单中没有回执码“${search.trim()}”，请核对后再试`} />
        ) : (
          matching.slice(0, shown).map((e) => <EntryRow key={e.receipt} topic={topic} entry={e} mine={e.receipt === count.myReceipt} />)
        )}
        {matching.length > shown && (
          <>
            <Hint>{`还有 ${matching.length - shown} 行未列出，可以输入回执码查找`}</Hint>
            <Button block onClick={() => setShown(shown + STEP)}>
              显示更多
            </Button>
          </>
        )}
      </Card>
    </View>
  )
}

function EntryRow({ topic, entry, mine }: { topic: TopicDetail['topic']; entry: Entry; mine: boolean }) {
  return (
    <View className={`dlb-count-entry ${mine ? 'dlb-count-entry--mine' : ''}`}>
      <Text className='dlb-count-entry__receipt' userSelect>
        {entry.receipt}
      </Text>
      <Text className='dlb-count-entry__choice'>{choiceLabels(topic, entry.choices)}</Text>
      <Tag tone={entry.source === 'online' ? 'grey' : 'gold'}>{BALLOT_SOURCE_LABELS[entry.source]}</Tag>
      {mine && <Text className='dlb-count-mine'>您的选票</Text>}
    </View>
  )
}
