import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { DUTY_KIND_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { Async, Button, Card, Row, Tag } from '@/shared/ui'
import { getDuty } from '../../api'
import { AffairsPage } from '../../components/frame'

/**
 * One item of the 小微权力清单 (?villageId=&dutyId=): basis, steps, who, how long; for a usable duty its 办事指南 and
 * whether a certificate is needed; 写信问问 asks the 书记信箱 about it; the committee's 编辑.
 */
export default function DutyPage() {
  return <AffairsPage what='查看办事指南'>{(m) => <Duty membership={m} />}</AffairsPage>
}

function Duty({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const dutyId = usePageParam('dutyId') ?? ''
  const query = useQuery(() => getDuty(villageId, dutyId), [villageId, dutyId])
  // back from 编辑: the saved text
  useReloadOnShow(query)
  const committee = membership.roles.includes('committee')
  return (
    <Async query={query}>
      {(d) => (
        <>
          <Card>
            <View>
              <Tag tone={d.kind === 'banned' ? 'red' : d.kind === 'assist' ? 'gold' : 'green'}>{`${DUTY_KIND_LABELS[d.kind]}事项`}</Tag>
            </View>
            <View className='vh-title'>{d.name}</View>
            <Row label='依据'>
              <Text>{d.basis}</Text>
            </Row>
            <Row label='责任人'>
              <Text>{d.responsible}</Text>
            </Row>
            <Row label='办理时限'>
              <Text>{d.timeLimit}</Text>
            </Row>
          </Card>
          <Card title={d.kind === 'banned' ? '怎么处理' : '办理流程'}>
            {d.steps.map((s, i) => (
              <View key={i}>
                <Text>{`${i + 1}. ${s}`}</Text>
              </View>
            ))}
          </Card>
          {d.guide && (
            <Card title='办事指南'>
              <View>
                <Tag tone={d.guide.needsCertificate ? 'gold' : 'green'}>{d.guide.needsCertificate ? '需要证明' : '无证明 · 不用开证明'}</Tag>
              </View>
              <View>
                <Text>{d.guide.certificateNote}</Text>
              </View>
              <Row label='带什么'>
                <Text>{d.guide.bring.join('；')}</Text>
              </Row>
              <Row label='在哪里办'>
                <Text>{d.guide.where}</Text>
              </Row>
              <Row label='办理时间'>
                <Text>{d.guide.when}</Text>
              </Row>
              <Row label='咨询电话'>
                <Text>{d.guide.phone}</Text>
              </Row>
              <Button block onClick={() => void Taro.makePhoneCall({ phoneNumber: d.guide!.phone }).catch(() => undefined)}>
                {`拨打 ${d.guide.phone}`}
              </Button>
            </Card>
          )}
          {d.kind !== 'banned' && (
            <Button
              block
              onClick={() =>
                void Taro.navigateTo({ url: pageUrl('mailbox.write', { villageId, aboutKind: 'duty', aboutId: d.id, aboutLabel: `小微权力清单：${d.name}`.slice(0, 60) }) })
              }
            >
              对这项有疑问？写信问问
            </Button>
          )}
          {committee && (
            <Button block onClick={() => void Taro.navigateTo({ url: pageUrl('affairs.dutyEdit', { villageId, dutyId: d.id }) })}>
              编辑
            </Button>
          )}
        </>
      )}
    </Async>
  )
}
