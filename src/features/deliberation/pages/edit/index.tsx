import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView, ProposalView, TopicDetail } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { Async, Button, Card, Empty, Page } from '@/shared/ui'
import { getTopic, listProposals } from '../../api'
import { CommitteeOnly } from '../../components/committee-gate'
import { usePageParam } from '@/shared/page-params'
import { TopicEditor } from './topic-editor'
import { blankForm, fromProposal, fromTopic } from './topic-form'
import './index.scss'

/** 发布议题: a new topic, a draft (?topicId=), or a residents' proposal put to the vote (?proposalId=). Committee only. */
export default function EditTopicPage() {
  const topicId = usePageParam('topicId')
  const proposalId = usePageParam('proposalId')
  return (
    <Page className='dlb-edit-page'>
      <CommitteeOnly what='发布议题'>
        {(m) =>
          topicId ? <EditDraft membership={m} topicId={topicId} /> : proposalId ? <ScheduleProposal membership={m} proposalId={proposalId} /> : <TopicEditor membership={m} initial={blankForm()} />
        }
      </CommitteeOnly>
    </Page>
  )
}

function EditDraft({ membership, topicId }: { membership: MembershipView; topicId: string }) {
  const query = useQuery(() => getTopic(membership.villageId, topicId), [membership.villageId, topicId])
  return (
    <Async query={query}>
      {(d: TopicDetail) =>
        d.topic.status === 'draft' ? (
          <TopicEditor membership={membership} initial={fromTopic(d.topic)} saved={d} proposal={d.proposal} />
        ) : (
          <Empty text={`「${d.topic.title}」已经发布，不能再修改`} action={<Button onClick={() => void Taro.redirectTo({ url: pageUrl('deliberation.topic', { topicId }) })}>查看议题</Button>} />
        )
      }
    </Async>
  )
}

function ScheduleProposal({ membership, proposalId }: { membership: MembershipView; proposalId: string }) {
  const query = useQuery(() => listProposals(membership.villageId), [membership.villageId])
  return (
    <Async query={query}>
      {(list: ProposalView[]) => {
        const p = list.find((x) => x._id === proposalId)
        if (!p) return <Empty text='找不到这条提议，可能已被撤回' />
        if (p.status === 'scheduled' && p.topicId) {
          const id = p.topicId
          return <Empty text={`提议「${p.title}」已经安排了表决`} action={<Button onClick={() => void Taro.redirectTo({ url: pageUrl('deliberation.topic', { topicId: id }) })}>查看议题</Button>} />
        }
        if (p.status === 'withdrawn') return <Empty text={`提议「${p.title}」已撤回`} />
        return (
          <>
            {p.status === 'collecting' && (
              <Card>
                <Text className='vh-field-error'>{`这条提议还在征集联署（${p.cosigns}/${p.needed} 人），联署人数够了才能安排表决。`}</Text>
              </Card>
            )}
            <TopicEditor membership={membership} initial={fromProposal(p)} proposal={{ id: p._id, title: p.title, proposerName: p.proposerName }} />
          </>
        )
      }}
    </Async>
  )
}
