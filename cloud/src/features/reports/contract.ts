/**
 * 随手拍 and the grid: residents report problems (with photos and the place), see open reports nearby and add
 * 同问, follow theirs to the end and confirm or reopen it; grid workers (and the town) accept, reject, transfer,
 * handle and resolve them against each category's deadlines; 民情地图; the village's and the town's figures.
 * Every view and input (documents are in documents.ts); the client imports this file for types only.
 */
import { z } from 'zod'
import { csvAfter, day, id, photos, text, villageId } from '../../contract/inputs'
import { action } from '../../contract/action'
import type { CsvFile } from '../../common/csv'
import type { LngLat } from '../account/documents'
import type { CategorySetting, GeoPoint, ReportEvent, ReportPlace, ReportStatus } from './documents'

// ---------------------------------------------------------------------------------------------
// views

/** the due clock of an open report: to accept, or to resolve */
export interface ReportDue {
  kind: 'accept' | 'resolve'
  at: number
  overdue: boolean
}

/** A report in a list (mine, a queue, nearby, the map's list). */
export interface ReportSummary {
  id: string
  category: string
  /** the first 60 characters */
  excerpt: string
  status: ReportStatus
  place: ReportPlace
  gridId: string | null
  gridName: string | null
  level: 'grid' | 'town'
  createdAt: number
  due: ReportDue | null
  metoo: number
  /** the first photo's url, if any */
  thumb: string | null
  /** nearby: metres from the point asked about (null without points) */
  distance: number | null
}

/** One report as the caller may see it: the reporter's name only for them, staff, or when not anonymous. */
export interface ReportView extends ReportSummary {
  villageId: string
  text: string
  photos: string[]
  resultPhotos: string[]
  /** fileId -> url, for photos and resultPhotos and the history's */
  photoUrls: Record<string, string>
  /** null when anonymous and the caller is not the reporter, a grid worker of its grid, the committee or the town */
  reporterName: string | null
  anonymous: boolean
  mine: boolean
  metooByMe: boolean
  acceptDueAt: number
  resolveDueAt: number | null
  autoConfirmAt: number | null
  escalatedAt: number | null
  rating: number | null
  ratingNote: string | null
  reopened: number
  topicId: string | null
  /** oldest first; an anonymous reporter's name is 匿名村民 for those who may not see it */
  history: ReportEvent[]
  can: {
    accept: boolean
    reject: boolean
    transfer: boolean
    start: boolean
    resolve: boolean
    /** the reporter, once resolved */
    confirm: boolean
    reopen: boolean
    metoo: boolean
  }
}

/**
 * A step's answer (accept, reject, transfer, start, resolve; confirm, reopen): the report as the step left it, as the
 * caller sees it, without what would cost the step a read more and the page has (it shows the report again after a
 * step): its grid's name and the caller's own 同问 (so whether they may add one).
 */
export type ReportStepView = Omit<ReportView, 'gridName' | 'metooByMe' | 'can'> & { can: Omit<ReportView['can'], 'metoo'> }

export interface GridArea {
  id: string
  name: string
  /** GCJ-02 ring; null when the grid has no area drawn */
  area: LngLat[] | null
}

export interface ReportSettingsView {
  categories: CategorySetting[]
  autoConfirmDays: number
  grids: GridArea[]
  /** the middle of the village's grids (GCJ-02), for the location picker and the map; null without areas */
  center: GeoPoint | null
}

export interface MapMarker {
  reportId: string
  category: string
  status: ReportStatus
  /** the word shown on the marker, e.g. 已受理, 逾期 */
  word: string
  point: GeoPoint
  overdue: boolean
}

export interface ReportMap {
  center: GeoPoint | null
  grids: GridArea[]
  halls: Array<{ id: string; name: string; point: GeoPoint | null }>
  markers: MapMarker[]
  /** the open reports (and those closed in the last 30 days), grouped by grid (null: unrouted), for the list beside the map */
  byGrid: Array<{ gridId: string | null; gridName: string; reports: ReportSummary[] }>
  /** when a village has more than the map shows: the newest this many open reports and most lately closed ones are shown; null when every one is */
  capped: { open: number; closed: number } | null
}

export interface ReportFigures {
  total: number
  open: number
  overdue: number
  byStatus: Record<ReportStatus, number>
  byCategory: Array<{ category: string; total: number; open: number; overdue: number }>
  /** mean hours from report to acceptance (accepted ones), null when none */
  avgAcceptHours: number | null
  /** mean days from report to resolution (resolved or confirmed ones), null when none */
  avgResolveDays: number | null
  /** ratings given on confirmation */
  satisfaction: { count: number; average: number | null }
}

export interface TownFigures {
  townId: string
  townName: string
  villages: Array<{ villageId: string; name: string; figures: ReportFigures }>
  /** overdue open reports of every village of the town, most overdue first: at most TOWN_OVERDUE of them (the villages' figures count all) */
  overdue: Array<ReportSummary & { villageId: string; villageName: string }>
}

export interface ReportCluster {
  category: string
  /** e.g. 东一巷一带 (the grid or the address the reports share) */
  where: string
  reports: ReportSummary[]
}

// ---------------------------------------------------------------------------------------------
// inputs

const reportId = id
/** GCJ-02, within China's bounds (a point elsewhere is a mistake, not a place in a village) */
export const geoPoint = z.object({
  lng: z.number({ invalid_type_error: '位置无效' }).min(73, '位置无效').max(136, '位置无效'),
  lat: z.number({ invalid_type_error: '位置无效' }).min(3, '位置无效').max(54, '位置无效'),
})
const place = z.object({ address: text('地点', 80), point: geoPoint.nullable().default(null) }, { required_error: '请选择地点', invalid_type_error: '请选择地点' })
const category = z.string({ required_error: '请选择问题类别', invalid_type_error: '请选择问题类别' }).trim().min(1, '请选择问题类别').max(12, '类别不超过12个字')
const categorySetting = z.object({
  name: text('类别名称', 12),
  acceptHours: z.number({ invalid_type_error: '受理时限应为数字' }).int('受理时限应为整数').min(1, '受理时限至少1小时').max(720, '受理时限不超过720小时'),
  resolveDays: z.number({ invalid_type_error: '办结时限应为数字' }).int('办结时限应为整数').min(1, '办结时限至少1天').max(180, '办结时限不超过180天'),
})

/** residents (and everyone who serves the village) */
export const reportResidentActions = {
  /** the village's categories with their deadlines and its grids' areas (the form, the picker) */
  'reports.settings': action<ReportSettingsView>()(z.object({ villageId })),
  /** open reports of this category near the point (300 m), or in the caller's grid without one: 同问 instead of a duplicate */
  'reports.nearby': action<ReportSummary[]>()(z.object({ villageId, category, point: geoPoint.nullable().default(null) })),
  /** 随手拍: file a report (residents) */
  'reports.create': action<ReportView>()(
    z.object({ villageId, category, text: text('问题描述', 500, 5), photos: photos(9).default([]), place, anonymous: z.boolean().default(false) }),
  ),
  /** 同问: "me too" on an open report (once each; not one's own) */
  'reports.metoo': action<ReportView>()(z.object({ villageId, reportId })),
  /** my reports and those I added 同问 to, newest first */
  'reports.mine': action<{ reports: ReportSummary[]; metoo: ReportSummary[] }>()(z.object({ villageId })),
  /** one report: its states with who acted, when and what they said; what the caller may do */
  'reports.get': action<ReportView>()(z.object({ villageId, reportId })),
  /** the reporter confirms the fix and rates it (1–5) */
  'reports.confirm': action<ReportStepView>()(
    z.object({
      villageId,
      reportId,
      rating: z.number({ required_error: '请评分', invalid_type_error: '请评分' }).int('请评分').min(1, '评分为1到5星').max(5, '评分为1到5星'),
      note: z.string().trim().max(200, '评价不超过200个字').nullable().default(null),
    }),
  ),
  /** the reporter says it is not fixed: it goes back to 处理中 */
  'reports.reopen': action<ReportStepView>()(z.object({ villageId, reportId, reason: text('原因', 200, 2) })),
  /** 民情地图: the grids, halls and reports to draw */
  'reports.map': action<ReportMap>()(z.object({ villageId })),
}

/** grid workers of the report's grid, the committee, and the town's officers */
export const reportHandlingActions = {
  /** the caller's queue: their grids' reports (the committee and the town: all), open ones most overdue and newest first */
  'reports.queue': action<ReportSummary[]>()(z.object({ villageId, filter: z.enum(['open', 'overdue', 'closed', 'town']).default('open') })),
  'reports.accept': action<ReportStepView>()(z.object({ villageId, reportId, expectedDate: day, note: z.string().trim().max(200, '说明不超过200个字').nullable().default(null) })),
  'reports.reject': action<ReportStepView>()(z.object({ villageId, reportId, reason: text('不予受理的理由', 200, 2) })),
  'reports.transfer': action<ReportStepView>()(
    z.object({
      villageId,
      reportId,
      to: z.discriminatedUnion('kind', [z.object({ kind: z.literal('grid'), gridId: id }), z.object({ kind: z.literal('town') })], { errorMap: () => ({ message: '请选择转办到哪里' }) }),
      reason: text('转办理由', 200, 2),
    }),
  ),
  'reports.start': action<ReportStepView>()(z.object({ villageId, reportId, note: z.string().trim().max(200, '说明不超过200个字').nullable().default(null) })),
  'reports.resolve': action<ReportStepView>()(z.object({ villageId, reportId, note: text('办理结果', 300, 2), photos: photos(9).min(1, '请上传办结后的照片') })),
  /** the village's figures: by category and state, time to accept and to resolve, overdue, satisfaction */
  'reports.figures': action<ReportFigures>()(z.object({ villageId })),
  /** town officers: every village of their town at once */
  'reports.town': action<TownFigures>()(z.object({ villageId })),
  /** CSV (UTF-8 BOM): the village's reports, or (town officers) the town's */
  'reports.exportCsv': action<CsvFile>()(z.object({ villageId, scope: z.enum(['village', 'town']).default('village'), after: csvAfter })),
  /** the committee: open reports that cluster (one category, one place or grid, within 4 weeks, 3 or more) */
  'reports.clusters': action<ReportCluster[]>()(z.object({ villageId })),
  /** the committee: the categories and their deadlines, the days to confirm automatically */
  'reports.setSettings': action<ReportSettingsView>()(
    z.object({ villageId, categories: z.array(categorySetting).min(1, '至少保留一个类别').max(20, '类别不超过20个'), autoConfirmDays: z.number().int().min(1, '至少1天').max(30, '不超过30天') }),
  ),
}

export const reportActions = { ...reportResidentActions, ...reportHandlingActions }
