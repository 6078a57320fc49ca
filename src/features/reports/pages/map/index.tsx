import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { MembershipView } from '@contract'
import { pageUrl } from '@/routes'
import { useQuery } from '@/shared/api/use-query'
import { useReloadOnShow } from '@/shared/api/use-reload-on-show'
import { Async, Card, Empty } from '@/shared/ui'
import { getMap } from '../../api'
import { ReportsPage } from '../../components/frame'
import { GridSvg } from '../../components/grid-svg'
import { Legend } from '../../components/legend'
import { ReportItem } from '../../components/report-item'
import { WxMap } from '../../components/wx-map'

/** 民情地图 (?villageId=): the grids, the halls and the reports — a Map in WeChat, an SVG of the grids in the browser (no tiles offline) — and the reports by grid. */
export default function MapPage() {
  return <ReportsPage what='查看民情地图'>{(m) => <MapView membership={m} />}</ReportsPage>
}

function MapView({ membership }: { membership: MembershipView }) {
  const villageId = membership.villageId
  const query = useQuery(() => getMap(villageId), [villageId])
  useReloadOnShow(query)
  usePullDownRefresh(() => void query.reload().finally(() => Taro.stopPullDownRefresh()))
  const open = (reportId: string) => void Taro.navigateTo({ url: pageUrl('reports.detail', { villageId, reportId }) })
  return (
    <Async query={query}>
      {(map) => (
        <>
          <View className='vh-title'>{`${membership.village.name} · 民情地图`}</View>
          {process.env.TARO_ENV === 'weapp' ? (
            <WxMap map={map} onOpen={open} />
          ) : (
            <GridSvg grids={map.grids} halls={map.halls} markers={map.markers} onMarker={open} />
          )}
          <Legend />
          <Text className='vh-muted vh-block'>
            {map.capped
              ? `问题较多，仅显示最近上报的${map.capped.open}件未办结问题和近30天最近办结的${map.capped.closed}件，共 ${map.markers.length} 处标在图上`
              : `共 ${map.markers.length} 处问题标在图上（未办结的，及近30天办结的）`}
          </Text>
          {map.byGrid.length === 0 && <Empty text='近30天没有上报的问题' />}
          {map.byGrid.map((g) => (
            <Card key={g.gridId ?? 'none'} title={`${g.gridName}（${g.reports.length}）`}>
              {g.reports.map((r) => (
                <ReportItem key={r.id} report={r} villageId={villageId} />
              ))}
            </Card>
          ))}
        </>
      )}
    </Async>
  )
}
