import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import type { MembershipView, ProposalStatus, ProposalView } from '@contract'
import { PROPOSAL_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { askConfirm } from '@/shared/confirm'
import { useQuery } from '@/shared/api/use-query'
import { percent } from '@/shared/percent'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Empty, Page, Tag, TextField } from '@/shared/ui'
import { cosignProposal, createProposal, listProposals } from '../../api'
import { isCommittee, MembersOnly } from '../../components/committee-gate'
import { Bar, Hint } from '../../components/committee-kit'
import { staffNote } from '@contract/tables'
import { proposalTag, takesPart } from '../../labels'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

const SECTIONS: ProposalStatus[] = ['collecting', 'accepted', 'scheduled', 'withdrawn']

/** 村民提议: residents propose a topic and co-sign others'; enough co-signers send it to the committee to schedule. */
export default function ProposalsPage() {
  return (
    <Page className='dlb-proposals-page'>
      <MembersOnly what='提议和联署'>{(m) => <Proposals membership={m} />}</MembersOnly>
    </Page>
  )
}

function Proposals({ membership }: { membership: MembershipView }) {
  const { committee, people, here } = useVillageWords(membership.village.kind)
  const villageId = membership.villageId
  const query = useQuery(() => listProposals(villageId), [villageId])
  /** what the server returned after my own actions since the list was loaded */
  const [mine, setMine] = useState<{ base: ProposalView[] | undefined; byId: Record<string, ProposalView>; added: ProposalView[] }>({ base: undefined, byId: {}, added: [] })
  const local = mine.base === query.data ? mine : { base: query.data, byId: {}, added: [] }
  const put = (p: ProposalView, added = false) =>
    setMine((m) => {
      const cur = m.base === query.data ? m : { base: query.data, byId: {}, added: [] }
      return { base: query.data, byId: { ...cur.byId, [p._id]: p }, added: added ? [p, ...cur.added] : cur.added }
    })
  const list = query.data && [...local.added.filter((a) => !query.data!.some((p) => p._id === a._id)), ...query.data].map((p) => local.byId[p._id] ?? p)
  const [proposing, setProposing] = useState(false)
  useEffect(() => {
    // 居民提议 in a community; the page config can only hold one title
    void Taro.setNavigationBarTitle({ title: `${people}提议` }).catch(() => undefined)
  }, [people])

  return (
    <View>
      <View className='vh-title'>{`${membership.village.name} · ${people}提议`}</View>
      <Hint>{`有想让大家一起商量的事，可以提出来；联署的${people}达到${here}规定的人数后，提议提交${committee}安排表决。`}</Hint>
      {!takesPart(membership) ? (
        <Hint>{staffNote(membership.village.kind)}</Hint>
      ) : proposing ? (
        <ProposeForm
          villageId={villageId}
          onCreated={(p) => {
            put(p, true)
            setProposing(false)
          }}
          onCancel={() => setProposing(false)}
        />
      ) : (
        <Button kind='primary' block onClick={() => setProposing(true)}>
          ＋ 我要提议
        </Button>
      )}
      <Async query={{ ...query, data: list }} isEmpty={(l) => l.length === 0} empty={<Empty text={`还没有${people}提议`} />}>
        {(l) => (
          <View>
            {SECTIONS.map((status) => {
              const items = l.filter((p) => p.status === status)
              if (!items.length) return null
              return (
                <View key={status}>
                  <Text className='dlb-proposals-section'>{`${PROPOSAL_STATUS_LABELS[status]}（${items.length}）`}</Text>
                  {items.map((p) => (
                    <ProposalCard key={p._id} proposal={p} membership={membership} onChanged={put} />
                  ))}
                </View>
              )
            })}
          </View>
        )}
      </Async>
    </View>
  )
}

function ProposalCard({ proposal: p, membership, onChanged }: { proposal: ProposalView; membership: MembershipView; onChanged: (p: ProposalView) => void }) {
  const { committee } = useVillageWords()
  const cosigning = useMutation(() => cosignProposal(membership.villageId, p._id), {
    success: (next) => (next.status === 'accepted' ? '联署人数已满' : '已联署'),
    onSuccess: onChanged,
  })

  async function cosign() {
    if (!(await askConfirm('联署这条提议？', `「${p.title}」。联署表示您支持把这件事交给大家表决，联署后不能撤回。`, '联署'))) return
    await cosigning.run()
  }

  const tag = proposalTag(p.status)
  return (
    <Card title={p.title} extra={<Tag tone={tag.tone}>{tag.text}</Tag>}>
      <Text className='vh-muted dlb-proposal-by'>{`${p.proposerName}${p.mine ? '（我）' : ''} 提议 · ${formatTime(p.createdAt)}`}</Text>
      <Text className='dlb-proposal-reason'>{p.background}</Text>
      {p.status === 'collecting' && (
        <View className='dlb-proposal-progress'>
          <Text>{`已有 ${p.cosigns}/${p.needed} 人联署`}</Text>
          <Bar percent={percent(p.cosigns, p.needed)} tone='gold' />
          {takesPart(membership) && (
            <Button kind={p.mine || p.cosignedByMe ? 'default' : 'primary'} disabled={p.mine || p.cosignedByMe} loading={cosigning.busy} onClick={() => void cosign()}>
              {p.mine ? '我的提议' : p.cosignedByMe ? '已联署' : '联署'}
            </Button>
          )}
        </View>
      )}
      {p.status === 'accepted' && (
        <View>
          <Hint>{`联署人数已满${p.acceptedAt ? `（${formatTime(p.acceptedAt)}）` : ''}，等待${committee}安排表决。`}</Hint>
          {isCommittee(membership) && (
            <Button kind='primary' onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.edit', { proposalId: p._id }) })}>
              安排表决
            </Button>
          )}
        </View>
      )}
      {p.status === 'scheduled' && p.topicId && (
        <Button kind='plain' onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.topic', { topicId: p.topicId! }) })}>
          查看表决 ›
        </Button>
      )}
      <Alert message={cosigning.error} />
    </Card>
  )
}

function ProposeForm({ villageId, onCreated, onCancel }: { villageId: string; onCreated: (p: ProposalView) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('')
  const [background, setBackground] = useState('')
  const proposing = useMutation(() => createProposal({ villageId, title, background }), { success: '提议已提交', onSuccess: onCreated })
  const errors = proposing.fieldErrors

  return (
    <Card title='我要提议'>
      <TextField
        label='提议标题'
        value={title}
        placeholder='如：修缮村口老榕树下的凉亭（4至40个字）'
        maxlength={40}
        error={errors.title}
        onChange={(v) => (setTitle(v), proposing.clearField('title'))}
      />
      <TextField
        label='提议理由'
        multiline
        className='dlb-proposals-textarea'
        value={background}
        placeholder='为什么要办、打算怎么办，至少10个字'
        maxlength={1000}
        error={errors.background}
        onChange={(v) => (setBackground(v), proposing.clearField('background'))}
      />
      <Alert message={proposing.error} />
      <View className='dlb-proposals-actions'>
        <Button kind='primary' loading={proposing.busy} onClick={() => void proposing.run()}>
          提交提议
        </Button>
        <Button disabled={proposing.busy} onClick={onCancel}>
          取消
        </Button>
      </View>
    </Card>
  )
}
