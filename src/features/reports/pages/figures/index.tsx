import { Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView, TownFigures } from '@contract'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { CsvExportCard } from '@/shared/csv/csv-export-card'
import { Async, Card, Empty, Row } from '@/shared/ui'
import { pageUrl } from '@/routes'
import { exportReportsCsv, getFigures, getTown } from '../../api'
import { ClustersCard } from '../../components/clusters-card'
import { FiguresCard, satisfactionText } from '../../components/figures-card'
import { ReportsPage } from '../../components/frame'
import { ReportItem } from '../../components/report-item'
import { handlesReports, isCommittee, isTownOfficer } from '../../labels'

/** every overdue report of the town (its list shows the most overdue of them) */
const overdueOf = (t: TownFigures) => t.villages.reduce((n, v) => n + v.figures.overdue, 0)

/** The village's figures; for town officers every village of the town and its overdue list; the committee's clusters; CSV. */
export default function FiguresPage() {
  return (
    <ReportsPage what='查看办理情况统计' allow={handlesReports}>
      {(m) => <Figures membership={m} />}
    </ReportsPage>
  )
}

function Figures({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const town = isTownOfficer(membership)
  const figures = useQuery(() => getFigures(villageId), [villageId])
  const townFigures = useQuery(() => getTown(villageId), [villageId], town)
  useReloadOnShow(figures, townFigures)
  usePullDownRefresh(() => void Promise.all([figures.reload(), townFigures.reload()]).finally(() => Taro.stopPullDownRefresh()))
  return (
    <>
      <Async query={figures}>{(f) => <FiguresCard title={`${membership.village.name} · 办理情况`} figures={f} />}</Async>
      {isCommittee(membership) && <ClustersCard villageId={villageId} />}
      {town && (
        <Async query={townFigures}>
          {(t) => (
            <>
              <Card title={`${t.townName} · 各村（社区）`}>
                {t.villages.map((v) => (
                  <Row key={v.villageId} label={v.name}>
                    <Text>{`共${v.figures.total} · 未办结${v.figures.open} · 逾期${v.figures.overdue} · ${satisfactionText(v.figures.satisfaction)}`}</Text>
                  </Row>
                ))}
              </Card>
              <Card title={`${t.townName} · 逾期问题（${overdueOf(t)}）`}>
                {t.overdue.length === 0 && <Empty text='全镇没有逾期的问题' />}
                {overdueOf(t) > t.overdue.length && <Text className='vh-muted vh-block'>{`仅显示逾期最久的${t.overdue.length}件`}</Text>}
                {t.overdue.map((r) => (
                  <ReportItem key={r.id} report={r} villageId={r.villageId}>
                    <Text className='vh-muted'>{r.villageName}</Text>
                  </ReportItem>
                ))}
              </Card>
            </>
          )}
        </Async>
      )}
      <CsvExportCard
        title='导出'
        kinds={[{ kind: 'village' as const, label: `导出${membership.village.name}的上报` }, ...(town ? [{ kind: 'town' as const, label: '导出全镇的上报' }] : [])]}
        fetch={(scope, after) => exportReportsCsv(villageId, scope, after)}
      />
      {isCommittee(membership) && (
        <Card>
          <Row label='问题类别与办理时限' onClick={() => void Taro.navigateTo({ url: pageUrl('reports.settings', { villageId }) })} />
        </Card>
      )}
    </>
  )
}
