import { Button as TaroButton, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { TopicDetail } from '@contract'
import { committeeWord, peopleWord, VOTING_MODE_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { CallError } from '@/shared/api/call'
import { useQuery } from '@/shared/api/use-query'
import { usePageParams } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Async, Button, Card, Empty, Page, Row, Tag } from '@/shared/ui'
import { AccountPending } from '@/features/account/components/account-pending'
import { useAccount } from '@/features/account/store'
import { useEnsureAccount } from '@/features/account/use-account-on-show'
import { getTopic, getTopicVillage } from '../../api'
import { BallotForm } from '../../components/ballot-form'
import { Comments } from '../../components/comments'
import { Implementation } from '../../components/implementation'
import { Photos } from '../../components/photos'
import { QuorumMeter } from '../../components/quorum-meter'
import { Tally } from '../../components/tally'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { TopicStatusTag } from '../../components/topic-status-tag'
import { deadlineText, isClosed, isUpcoming, MODE_UNITS } from '../../labels'
import '../../components/deliberation.scss'
import { useVillageWords } from '@/features/account/words'

/**
 * 议题 (?topicId=, and from a share card &villageId=): background and question, the quorum meter,
 * the ballot, the count (or 票数在截止后公布), the verdict, the decision and its implementation,
 * the discussion; the committee's links; sharing to the village's WeChat group.
 */
export default function TopicPage() {
  const account = useEnsureAccount()
  const params = usePageParams()
  const topicId = params.topicId ?? ''
  const wanted = params.villageId ?? ''
  const currentVillageId = useAccount((s) => s.currentVillageId)
  const memberships = account.me?.memberships ?? []
  // a share card names its village: open it there if I belong to it (one I do not belong to is another village's
  // topic); a link without it opens in my current village
  const membership = memberships.find((m) => m.villageId === wanted) ?? (wanted ? null : memberships.find((m) => m.villageId === currentVillageId) ?? null)
  const villageId = membership?.villageId ?? ''
  // null: not a topic of this village (another village's, or none): said plainly below, without a 重试 that cannot work
  const detail = useQuery(() => getTopic(villageId, topicId).catch(notFoundAsNull), [villageId, topicId], Boolean(villageId && topicId))
  useReloadOnShow(detail)

  const title = detail.data?.topic.title
  const sharePath = pageUrl('deliberation.topic', { topicId, villageId: villageId || undefined })
  useShareAppMessage(() => ({ title: title ? `【村里议事】${title}` : '村居议事厅', path: sharePath }))
  useEffect(() => {
    if (process.env.TARO_ENV === 'weapp') void Taro.showShareMenu({ withShareTicket: true }).catch(() => undefined)
  }, [])

  if (!account.me) return <Page><AccountPending /></Page>
  if (!topicId) return <Page><Empty text='没有指定议题' /></Page>
  if (!membership || detail.data === null) return <Page><ElsewhereTopic topicId={topicId} /></Page>
  return (
    <Page>
      <Async query={detail}>
        {(d) => d && <TopicView detail={d} villageId={villageId} myPersonId={membership.personId} reload={detail.reload} />}
      </Async>
    </Page>
  )
}

function TopicView({ detail: d, villageId, myPersonId, reload }: { detail: TopicDetail; villageId: string; myPersonId: string; reload: () => Promise<void> }) {
  const t = d.topic
  const closed = isClosed(t.status)
  const { people } = useVillageWords()

  const header = (
    <Card>
      <Text className='vh-title dl-block'>{t.title}</Text>
      <View className='dl-topic__tags'>
        <TopicStatusTag topic={t} />
        <Tag>{VOTING_MODE_LABELS[t.mode]}</Tag>
        <Tag tone='grey'>{t.results === 'sealed' ? '截止后公布票数' : '实时公开票数'}</Tag>
      </View>
      <Text className='vh-muted dl-block'>{deadlineText(t)}</Text>
      {d.proposal && <Text className='vh-muted dl-block'>{`源自${people}提议《${d.proposal.title}》· 提议人 ${d.proposal.proposerName}`}</Text>}
      {t.background && <Text className='dl-pre'>{t.background}</Text>}
      <Photos ids={t.photos} urls={d.photoUrls} />
      <View className='dl-question'>
        <Text className='dl-question__label'>表决事项</Text>
        <Text className='dl-question__text'>{t.question}</Text>
      </View>
      <Text className='vh-muted dl-block'>{`${t.createdByName} 发布${t.publishedAt ? ` · ${formatTime(t.publishedAt)}` : ''}`}</Text>
    </Card>
  )

  const verdict = closed && d.result && (
    <Card title='表决结果'>
      <View className={`dl-verdict ${d.result.valid ? '' : 'dl-verdict--invalid'}`}>
        <Text className='dl-verdict__word'>{d.result.verdict}</Text>
        <Text className='dl-verdict__summary'>{d.result.summary}</Text>
      </View>
    </Card>
  )

  const turnout = (
    <Card title='参与情况'>
      <QuorumMeter mode={t.mode} turnout={d.turnout} />
      <Row label={`选民名册（${d.turnout.eligible}${MODE_UNITS[t.mode]}）`} onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.roll', { topicId: t._id }) })}>
        <Text className='vh-muted'>查看名单</Text>
      </Row>
      {closed && (
        <Row label='计票清单' onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.count', { topicId: t._id }) })}>
          <Text className='vh-muted'>{d.countPending ? '计票清单生成中' : '按回执码核对、自己重新计票'}</Text>
        </Row>
      )}
    </Card>
  )

  const ballot = (
    <Card title={closed ? '我的表决' : t.mode === 'household' ? '投票（按户，由户代表投）' : '投票'}>
      <BallotForm villageId={villageId} topic={t} me={d.me} myPersonId={myPersonId} onVoted={() => void reload()} />
    </Card>
  )

  const tally = !isUpcoming(t) && t.status !== 'draft' && (
    <Card title={closed ? '各选项票数' : t.results === 'sealed' ? '票数' : '实时票数'}>
      <Tally topic={t} tally={d.tally} turnout={d.turnout} />
    </Card>
  )

  return (
    <>
      {header}
      {closed ? (
        <>
          {verdict}
          <Implementation topic={t} photoUrls={d.photoUrls} />
          {tally}
          {turnout}
          {ballot}
        </>
      ) : (
        <>
          {ballot}
          {t.status !== 'draft' && turnout}
          {tally}
        </>
      )}
      {d.can.manage && <CommitteeLinks topicId={t._id} status={t.status} />}
      {t.status !== 'draft' && <ShareCard />}
      {t.status !== 'draft' && <Comments villageId={villageId} topicId={t._id} canComment={d.can.comment} why={d.can.why ?? null} canManage={d.can.manage} />}
    </>
  )
}

const notFoundAsNull = (e: unknown): null => {
  if (e instanceof CallError && e.code === 'NOT_FOUND') return null
  throw e
}

/**
 * A topic that is not in the village I am acting in: the server says whose it is (its name and place only). Another
 * of my villages' is opened there; a village I am not in is offered to join; one that does not exist is said so.
 */
function ElsewhereTopic({ topicId }: { topicId: string }) {
  const where = useQuery(() => getTopicVillage(topicId).catch(notFoundAsNull), [topicId])
  const memberships = useAccount((s) => s.me?.memberships ?? [])
  return (
    <Async query={where}>
      {(v) => {
        if (!v) return <Empty text='找不到该议题，可能已被删除或还没有发布' />
        const words = { committee: committeeWord(v.kind), people: peopleWord(v.kind) }
        if (memberships.some((m) => m.villageId === v.id)) {
          return (
            <Card title={`${v.name}的议题`}>
              <Text className='vh-block'>{`这是${v.name}的议题，您现在在其他村（社区）。`}</Text>
              <Button kind='primary' block onClick={() => Taro.redirectTo({ url: pageUrl('deliberation.topic', { topicId, villageId: v.id }) })}>
                {`到${v.name}查看`}
              </Button>
            </Card>
          )
        }
        return (
          <Card title={`${v.name}的议题`}>
            <Text className='vh-block'>{`这是${v.name}（${v.place}）的议题，只有${v.name}的${words.people}可以查看和参与。`}</Text>
            <Text className='vh-muted vh-block'>{`如果您住在${v.name}，可以申请加入，${words.committee}核实后就能看到。`}</Text>
            <Button kind='primary' block onClick={() => Taro.navigateTo({ url: pageUrl('account.join', { villageId: v.id }) })}>
              {`申请加入${v.name}`}
            </Button>
          </Card>
        )
      }}
    </Async>
  )
}

function CommitteeLinks({ topicId, status }: { topicId: string; status: TopicDetail['topic']['status'] }) {
  const { committee } = useVillageWords()
  const go = (page: 'edit' | 'roll' | 'meeting' | 'manage') => void Taro.navigateTo({ url: pageUrl(`deliberation.${page}`, { topicId }) })
  return (
    <Card title={committee}>
      {status === 'draft' && <Row label='编辑草稿' onClick={() => go('edit')} />}
      {status === 'draft' && <Row label='核对选民名册' onClick={() => go('roll')} />}
      {status === 'open' && <Row label='现场表决登记（榕树下议事）' onClick={() => go('meeting')} />}
      {status !== 'draft' && <Row label='议题管理：决议、进展、提醒、导出' onClick={() => go('manage')} />}
    </Card>
  )
}

/** weapp: the share button opens WeChat's share to a chat (the card opens this topic); h5: copy the link. */
function ShareCard() {
  const [copied, setCopied] = useState(false)
  if (process.env.TARO_ENV === 'weapp') {
    return (
      <Card>
        <TaroButton className='vh-btn vh-btn--default vh-btn--block' openType='share'>
          转发到村民微信群
        </TaroButton>
      </Card>
    )
  }
  async function copy() {
    try {
      await Taro.setClipboardData({ data: window.location.href })
      setCopied(true)
    } catch {
      Taro.showToast({ title: '复制失败，请手动复制地址栏的链接', icon: 'none' })
    }
  }
  return (
    <Card>
      <Button block onClick={() => void copy()}>
        复制链接
      </Button>
      {copied && <Text className='vh-muted dl-block'>链接已复制，可以粘贴到村民微信群</Text>}
    </Card>
  )
}
