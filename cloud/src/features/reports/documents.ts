/**
 * 随手拍 and the grid's closed loop: a resident's report of a problem, routed to the grid that contains it,
 * carried by the grid workers (or the town) from 已上报 to 已确认, with its whole history; "me too" (同问)
 * marks; each village's categories with their deadlines. Coordinates are GCJ-02 (what WeChat's
 * chooseLocation and Map use), stored as such: [lng, lat]. Instants are epoch ms.
 */

/** a point, GCJ-02 */
export interface GeoPoint {
  lng: number
  lat: number
}

export interface ReportPlace {
  /** the address as chosen or typed, e.g. 新山村东一巷12号旁 */
  address: string
  /** GCJ-02; null when only an address was given (the browser without a point) */
  point: GeoPoint | null
}

/** The categories every village starts with; a village adds its own (ReportSettings). */
export const DEFAULT_CATEGORIES = ['环境卫生', '安全隐患', '消防', '道路设施', '矛盾纠纷', '噪音', '其他'] as const

/**
 * reported (已上报) -> accepted (已受理, with an expected date) -> inProgress (处理中) -> resolved (已办结, with photos)
 * -> confirmed (已确认: the reporter, or the job after some days). reported -> rejected (不予受理, with a reason).
 * A transfer (转办) to another grid or to the town keeps it reported there. resolved -> reopened by the reporter
 * (not fixed) goes back to inProgress.
 */
export type ReportStatus = 'reported' | 'accepted' | 'inProgress' | 'resolved' | 'confirmed' | 'rejected'
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  reported: '已上报',
  accepted: '已受理',
  inProgress: '处理中',
  resolved: '已办结',
  confirmed: '已确认',
  rejected: '不予受理',
}
/** the statuses in which a report is still open (counted as open nearby, in queues, for deadlines) */
export const OPEN_STATUSES: readonly ReportStatus[] = ['reported', 'accepted', 'inProgress']

/** what happened to a report, in order */
export type ReportAction = 'report' | 'accept' | 'reject' | 'transfer' | 'start' | 'resolve' | 'confirm' | 'autoConfirm' | 'reopen' | 'escalate' | 'metoo' | 'linkTopic'
export const REPORT_ACTION_LABELS: Record<ReportAction, string> = {
  report: '上报',
  accept: '受理',
  reject: '不予受理',
  transfer: '转办',
  start: '开始处理',
  resolve: '办结',
  confirm: '确认办结',
  autoConfirm: '逾期自动确认',
  reopen: '未解决，重新处理',
  escalate: '逾期，上报镇街',
  metoo: '同问',
  linkTopic: '转为议题',
}

export interface ReportEvent {
  at: number
  action: ReportAction
  /** person id; '' for the system (the time-driven job) */
  by: string
  /** 系统 for the job; the reporter's name is never here when they are anonymous (匿名村民) */
  byName: string
  /** 网格员 / 镇街干部 / 村委会 or 居委会 / 村民 / 系统 */
  role: string
  note: string | null
  photos: string[]
}

export interface Report {
  _id: string
  villageId: string
  /** the grid it is routed to: by its place's point, else the reporter's household's grid; null when neither */
  gridId: string | null
  /** grid: the grid workers (and committee) handle it; town: transferred to the town (镇街) */
  level: 'grid' | 'town'
  category: string
  text: string
  photos: string[]
  place: ReportPlace
  reporterId: string
  reporterName: string
  /** hidden from everyone but the grid workers, the committee and the town */
  anonymous: boolean
  status: ReportStatus
  createdAt: number
  updatedAt: number
  /** the category's deadline to accept (from createdAt) */
  acceptDueAt: number
  /** set when accepted: the expected date given, capped by the category's days to resolve */
  resolveDueAt: number | null
  /** resolved: when the job confirms it if the reporter has not */
  autoConfirmAt: number | null
  /** when the job escalated it to the town officer for being overdue (once) */
  escalatedAt: number | null
  resultPhotos: string[]
  rating: number | null
  ratingNote: string | null
  /** 同问 marks (ReportMeToo) */
  metoo: number
  reopened: number
  /** ms from the report to its first acceptance; null until accepted (the figures' mean time to accept is a grouped sum of it) */
  acceptTook: number | null
  /** ms from the report to its resolution while it stands (resolved or confirmed); null otherwise, a reopen clears it */
  resolveTook: number | null
  /** the deliberation topic it was turned into, with others of its cluster */
  topicId: string | null
  /**
   * while it is being turned into a topic (topics.fromReports): its 'linkTopic' entry, added to the history once the
   * draft is written; one left behind by a crash is finished or undone by the job
   */
  linking?: ReportEvent
  history: ReportEvent[]
}

/** The fields a report is filed with; the rest of its life starts empty (newReport). */
export type FiledReport = Pick<Report, '_id' | 'villageId' | 'gridId' | 'category' | 'text' | 'photos' | 'place' | 'reporterId' | 'reporterName' | 'anonymous' | 'createdAt' | 'acceptDueAt' | 'history'>

/** its first acceptance (a report reopened later keeps it) */
export const acceptedAt = (r: Pick<Report, 'history'>): number | null => r.history.find((e) => e.action === 'accept')?.at ?? null

/** its last resolution, while it stands (resolved or confirmed; a reopened one is not resolved) */
export function resolvedAt(r: Pick<Report, 'status' | 'history'>): number | null {
  if (r.status !== 'resolved' && r.status !== 'confirmed') return null
  return [...r.history].reverse().find((e) => e.action === 'resolve')?.at ?? null
}

/** acceptTook and resolveTook as its history says (the seed, tests and the migration of reports from before them) */
export function tookOf(r: Pick<Report, 'status' | 'history' | 'createdAt'>): Pick<Report, 'acceptTook' | 'resolveTook'> {
  const [accepted, resolved] = [acceptedAt(r), resolvedAt(r)]
  return { acceptTook: accepted === null ? null : accepted - r.createdAt, resolveTook: resolved === null ? null : resolved - r.createdAt }
}

/**
 * A report as filed: 已上报 at grid level, nothing yet of its acceptance, result, rating, 同问 or topic (`over` for
 * the seed and tests; its times to accept and resolve follow from the history unless `over` gives them).
 */
export function newReport(filed: FiledReport, over: Partial<Report> = {}): Report {
  const r: Omit<Report, 'acceptTook' | 'resolveTook'> & Partial<Report> = {
    level: 'grid',
    status: 'reported',
    updatedAt: filed.createdAt,
    resolveDueAt: null,
    autoConfirmAt: null,
    escalatedAt: null,
    resultPhotos: [],
    rating: null,
    ratingNote: null,
    metoo: 0,
    reopened: 0,
    topicId: null,
    ...filed,
    ...over,
  }
  return { ...r, ...tookOf(r), ...('acceptTook' in over ? { acceptTook: over.acceptTook } : {}), ...('resolveTook' in over ? { resolveTook: over.resolveTook } : {}) } as Report
}

/** one person's 同问 on a report: `${reportId}:${personId}` */
export interface ReportMeToo {
  _id: string
  villageId: string
  reportId: string
  personId: string
  at: number
}

export interface CategorySetting {
  name: string
  /** hours to accept a report */
  acceptHours: number
  /** days to resolve it once accepted */
  resolveDays: number
}

/** Each village's categories with their deadlines and the days before a resolved report is confirmed for its reporter. */
export interface ReportSettings {
  /** the villageId */
  _id: string
  villageId: string
  categories: CategorySetting[]
  autoConfirmDays: number
  updatedAt: number | null
  updatedByName: string | null
}

export const DEFAULT_REPORT_SETTINGS: Omit<ReportSettings, '_id' | 'villageId'> = {
  categories: [
    { name: '环境卫生', acceptHours: 24, resolveDays: 3 },
    { name: '安全隐患', acceptHours: 4, resolveDays: 2 },
    { name: '消防', acceptHours: 2, resolveDays: 1 },
    { name: '道路设施', acceptHours: 24, resolveDays: 7 },
    { name: '矛盾纠纷', acceptHours: 24, resolveDays: 7 },
    { name: '噪音', acceptHours: 24, resolveDays: 3 },
    { name: '其他', acceptHours: 48, resolveDays: 7 },
  ],
  autoConfirmDays: 7,
  updatedAt: null,
  updatedByName: null,
}

declare module '../../ports/store' {
  interface Collections {
    reports: Report
    reportMeToos: ReportMeToo
    reportSettings: ReportSettings
  }
}
