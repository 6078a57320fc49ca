import { CsvExportCard } from '@/shared/csv/csv-export-card'
import { exportRulesCsv } from '../../api'

/** Committee: the follow-up list and the agreement records as CSV (opens in Excel). */
export function ExportCard({ villageId }: { villageId: string }) {
  return (
    <CsvExportCard
      title='导出表格'
      kinds={[
        { kind: 'followUp', label: '导出未承诺名单' },
        { kind: 'agreements', label: '导出承诺记录' },
      ]}
      fetch={(kind, after) => exportRulesCsv(villageId, kind, after)}
      lineClassName='rules-fu-hint'
    />
  )
}
