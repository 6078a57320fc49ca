/**
 * The reports' export for the village's or the town's own reporting: one row per report, as CSV a spreadsheet
 * opens with Chinese intact. It names no reporter (an anonymous one must never leave the handling side, and the
 * figures need nobody's name) and no person's id.
 */
import { toCsv } from '../../common/csv'
import { shanghaiTime } from '../../common/time'
import type { Report } from './documents'
import { REPORT_STATUS_LABELS } from './documents'
import { acceptHours, resolveDays, UNROUTED, wasLate } from './tally'

export const REPORT_HEADERS = ['村（社区）', '编号', '类别', '状态', '地点', '网格', '上报时间', '受理期限', '办结期限', '是否逾期', '受理用时（小时）', '办结用时（天）', '评分', '同问']

export interface CsvVillage {
  name: string
  gridNames: ReadonlyMap<string, string>
  reports: Report[]
}

/**
 * every village's reports in the order given, each village's oldest first (ties by id, in the order the export's keyset
 * pages read them, so that the pages join); `first` false: a later page of the file (no header)
 */
export function reportsCsv(villages: CsvVillage[], now: number, first = true): { content: string; rows: number } {
  const rows = villages.flatMap((v) =>
    [...v.reports]
      .sort((a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
      .map((r) => [
        v.name,
        r._id,
        r.category,
        r.level === 'town' && r.status === 'reported' ? `${REPORT_STATUS_LABELS[r.status]}（转镇街）` : REPORT_STATUS_LABELS[r.status],
        r.place.address,
        (r.gridId && v.gridNames.get(r.gridId)) || UNROUTED,
        shanghaiTime(r.createdAt),
        shanghaiTime(r.acceptDueAt),
        r.resolveDueAt === null ? '' : shanghaiTime(r.resolveDueAt),
        wasLate(r, now),
        acceptHours(r),
        resolveDays(r),
        r.rating,
        r.metoo,
      ]),
  )
  return { content: toCsv(REPORT_HEADERS, rows, first), rows: rows.length }
}
