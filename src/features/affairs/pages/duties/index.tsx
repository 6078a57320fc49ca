import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { DUTY_KINDS, DUTY_KIND_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Button, Card, Empty, Row, Tag } from '@/shared/ui'
import { getDuties } from '../../api'
import { AffairsPage } from '../../components/frame'
import { useVillageWords } from '@/features/account/words'

/** what each kind of item means to a resident, in the village's word for its committee */
const kindNotes = (committee: string) => ({
  duty: `${committee}自己的职责`,
  assist: '协助政府部门做的事',
  banned: `${committee}不得承担、不得开具的事项`,
})

/** 小微权力清单 (?villageId=): every item by kind; tap one for its steps and 办事指南; the committee's 新增事项. */
export default function DutiesPage() {
  return <AffairsPage what='查看小微权力清单'>{(m) => <Duties membership={m} />}</AffairsPage>
}

function Duties({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getDuties(villageId), [villageId])
  // back from 新增 or 编辑: the list as saved
  useReloadOnShow(query)
  const add = () => void Taro.navigateTo({ url: pageUrl('affairs.dutyEdit', { villageId }) })
  const committee = membership.roles.includes('committee')
  const words = useVillageWords(membership.village.kind)
  const notes = kindNotes(words.committee)
  return (
    <Async
      query={query}
      isEmpty={(d) => d.duties.length === 0}
      empty={<Empty text={`${words.here}还没有公布小微权力清单`} action={committee ? <Button onClick={add}>新增事项</Button> : undefined} />}
    >
      {(d) => (
        <>
          {d.canEdit && (
            <Button kind='primary' block onClick={add}>
              新增事项
            </Button>
          )}
          {DUTY_KINDS.map((kind) => (
            <Card key={kind} title={`${DUTY_KIND_LABELS[kind]}事项（${d.counts[kind]}项）`} extra={<Text className='vh-muted'>{notes[kind]}</Text>}>
              {d.duties
                .filter((x) => x.kind === kind)
                .map((x) => (
                  <Row key={x.id} label={x.name} onClick={() => void Taro.navigateTo({ url: pageUrl('affairs.duty', { villageId, dutyId: x.id }) })}>
                    {x.guide ? <Tag tone={x.guide.needsCertificate ? 'gold' : 'green'}>{x.guide.needsCertificate ? '需证明' : '无证明'}</Tag> : null}
                  </Row>
                ))}
            </Card>
          ))}
        </>
      )}
    </Async>
  )
}
