import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView, TopicDetail } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { Async, Button, Card, Empty, Page } from '@/shared/ui'
import { getTopic } from '../../api'
import { CommitteeOnly } from '../../components/committee-gate'
import { Hint, useReplaced } from '../../components/committee-kit'
import { isUpcoming } from '../../labels'
import { usePageParam } from '@/shared/page-params'
import { DecideCard, ExportCard, ImplementationCard, RemindCard } from './actions'
import { GridTurnoutCard, OverviewCard, ResultCard, TurnoutCard } from './cards'
import './index.scss'
import { useVillageWords } from '@/features/account/words'

/** 议题管理: status and turnout, per-grid turnout, reminders, the decision, implementation updates, CSV. Committee only. */
export default function ManagePage() {
  const topicId = usePageParam('topicId')
  return (
    <Page className='dlb-manage-page'>
      <CommitteeOnly what='管理议题'>
        {(m) => (topicId ? <Manage membership={m} topicId={topicId} /> : <Empty text='没有指定议题，请从议题页进入' />)}
      </CommitteeOnly>
    </Page>
  )
}

function Manage({ membership, topicId }: { membership: MembershipView; topicId: string }) {
  const villageId = membership.villageId
  const query = useQuery(() => getTopic(villageId, topicId), [villageId, topicId])
  const [detail, replace] = useReplaced(query.data)
  return (
    <Async query={{ ...query, data: detail }}>
      {(d) => <ManageBody membership={membership} detail={d} onChanged={replace} />}
    </Async>
  )
}

function ManageBody({ membership, detail: d, onChanged }: { membership: MembershipView; detail: TopicDetail; onChanged: (d: TopicDetail) => void }) {
  const { committee } = useVillageWords()
  const t = d.topic
  const kind = membership.village.kind
  const villageId = membership.villageId
  const go = (page: 'topic' | 'edit' | 'roll' | 'meeting') => void Taro.navigateTo({ url: pageUrl(`deliberation.${page}`, { topicId: t._id }) })

  if (t.status === 'draft') {
    return (
      <View>
        <OverviewCard detail={d} kind={kind} />
        <Card title='草稿'>
          <Hint>{`这个议题还是草稿，只有${committee}成员能看到。发布后才能投票、查看参与情况。`}</Hint>
          <Button kind='primary' block onClick={() => go('edit')}>
            继续编辑
          </Button>
          <Button block onClick={() => go('roll')}>
            核对选民名册
          </Button>
        </Card>
      </View>
    )
  }
  const open = t.status === 'open'
  return (
    <View>
      <OverviewCard detail={d} kind={kind} />
      <TurnoutCard turnout={d.turnout} mode={t.mode} />
      {open && !isUpcoming(t) && (
        <Card title='榕树下议事'>
          <Hint>会上表决的，逐人登记到这里，与手机投票一起计票；已在手机上投票的不能重复登记。</Hint>
          <Button block onClick={() => go('meeting')}>
            现场表决登记
          </Button>
        </Card>
      )}
      {(open || t.status === 'closed') && <RemindCard villageId={villageId} topic={t} kind={kind} />}
      <ResultCard detail={d} />
      {t.status === 'closed' && <DecideCard villageId={villageId} detail={d} kind={kind} onDecided={onChanged} />}
      {(t.status === 'decided' || t.status === 'done') && <ImplementationCard villageId={villageId} detail={d} onUpdated={onChanged} />}
      <GridTurnoutCard villageId={villageId} topic={t} />
      <ExportCard villageId={villageId} detail={d} />
      <Button block onClick={() => go('roll')}>
        核对选民名册
      </Button>
      <Button block onClick={() => go('topic')}>
        查看议题页
      </Button>
    </View>
  )
}
