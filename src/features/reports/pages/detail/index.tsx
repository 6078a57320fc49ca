import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView, ReportView } from '@contract'
import { REPORT_STATUS_LABELS } from '@contract/tables'
import { pageUrl } from '@/routes'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { usePageParam } from '@/shared/page-params'
import { formatTime } from '@/shared/time'
import { Alert, Async, Button, Card, Empty, Row, Tag } from '@/shared/ui'
import { PhotoGrid } from '@/shared/ui/photo-picker'
import { getReport, meToo } from '../../api'
import { ReportsPage } from '../../components/frame'
import { History } from '../../components/history'
import { ReporterActions } from '../../components/reporter-actions'
import { StaffActions } from '../../components/staff-actions'
import { Stars } from '../../components/stars'
import { dueText, STATUS_TONE } from '../../labels'
import { useVillageWords } from '@/features/account/words'

/** One report (?villageId=&reportId=): what, where, who; the due clock; its history; what the caller may do. */
export default function DetailPage() {
  const reportId = usePageParam('reportId')
  return <ReportsPage what='查看问题'>{(m) => (reportId ? <Detail membership={m} reportId={reportId} /> : <Empty text='链接不完整，找不到这条问题' />)}</ReportsPage>
}

function Detail({ membership, reportId }: { membership: MembershipView; reportId: string }) {
  const query = useQuery(() => getReport(membership.villageId, reportId), [membership.villageId, reportId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  return <Async query={query}>{(r) => <ReportDetail report={r} onChanged={query.reload} />}</Async>
}

function reporterText(r: ReportView): string {
  if (!r.anonymous) return r.reporterName ?? ''
  if (r.mine) return '您（匿名，其他村民看不到您的姓名）'
  return r.reporterName ? `${r.reporterName}（匿名上报，仅工作人员可见）` : '匿名村民'
}

function ReportDetail({ report: r, onChanged }: { report: ReportView; onChanged: () => Promise<void> }) {
  const { committee } = useVillageWords()
  const metoo = useMutation(() => meToo(r.villageId, r.id), { success: '已同问，会一起通知您进展', onSuccess: onChanged })
  const due = r.due
  return (
    <>
      {due && (
        <View className={`rp-clock ${due.overdue ? 'rp-clock--over' : ''}`}>
          <Text className={`rp-due ${due.overdue ? 'rp-due--over' : ''}`}>{dueText(due)}</Text>
          <Text className='rp-line vh-muted'>{`${due.kind === 'accept' ? '应在' : '预计在'} ${formatTime(due.at)} 前${due.kind === 'accept' ? '受理' : '办结'}`}</Text>
        </View>
      )}
      <Card title={r.category} extra={<Tag tone={STATUS_TONE[r.status]}>{REPORT_STATUS_LABELS[r.status]}</Tag>}>
        <Text className='rp-line'>{r.text}</Text>
        <PhotoGrid ids={r.photos} urls={r.photoUrls} />
        <Row label='地点'>
          <Text>{r.place.address}</Text>
        </Row>
        <Row label='办理单位'>
          <Text>{r.level === 'town' ? '已转镇街办理' : r.gridName ?? `未划入网格，由${committee}办理`}</Text>
        </Row>
        <Row label='上报人'>
          <Text>{reporterText(r)}</Text>
        </Row>
        <Row label='上报时间'>
          <Text>{formatTime(r.createdAt)}</Text>
        </Row>
        {r.metoo > 0 && (
          <Row label='同问'>
            <Text>{`${r.metoo}人${r.metooByMe ? '（含您）' : ''}`}</Text>
          </Row>
        )}
        {r.reopened > 0 && (
          <Row label='退回重办'>
            <Text>{`${r.reopened}次`}</Text>
          </Row>
        )}
        {r.topicId && <Row label='已转为议题' onClick={() => void Taro.navigateTo({ url: pageUrl('deliberation.topic', { topicId: r.topicId!, villageId: r.villageId }) })} />}
      </Card>
      {r.resultPhotos.length > 0 && (
        <Card title='办结照片'>
          <PhotoGrid ids={r.resultPhotos} urls={r.photoUrls} />
        </Card>
      )}
      {r.rating !== null && (
        <Card title='上报人评价'>
          <Stars value={r.rating} />
          {r.ratingNote && <Text className='rp-line'>{r.ratingNote}</Text>}
        </Card>
      )}
      {r.can.metoo && (
        <Card>
          <Text className='rp-line vh-muted'>您也遇到这个问题？同问后会一起收到办理进展。</Text>
          <Button kind='primary' loading={metoo.busy} onClick={() => void metoo.run()}>
            同问
          </Button>
          <Alert message={metoo.error} />
        </Card>
      )}
      <ReporterActions report={r} onDone={onChanged} />
      <StaffActions report={r} onDone={onChanged} />
      <History events={r.history} urls={r.photoUrls} />
    </>
  )
}
