/** The reports feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

// residents
export const getSettings = (villageId: string) => call('reports.settings', { villageId })
export const getNearby = (villageId: string, category: string, point: InputOf<'reports.nearby'>['point']) => call('reports.nearby', { villageId, category, point })
export const createReport = (input: InputOf<'reports.create'>) => call('reports.create', input)
export const meToo = (villageId: string, reportId: string) => call('reports.metoo', { villageId, reportId })
export const getMine = (villageId: string) => call('reports.mine', { villageId })
export const getReport = (villageId: string, reportId: string) => call('reports.get', { villageId, reportId })
export const confirmReport = (villageId: string, reportId: string, rating: number, note: string | null) => call('reports.confirm', { villageId, reportId, rating, note })
export const reopenReport = (villageId: string, reportId: string, reason: string) => call('reports.reopen', { villageId, reportId, reason })
export const getMap = (villageId: string) => call('reports.map', { villageId })

// grid workers, the committee, the town
export type QueueFilter = NonNullable<InputOf<'reports.queue'>['filter']>
export const getQueue = (villageId: string, filter: QueueFilter) => call('reports.queue', { villageId, filter })
export const acceptReport = (villageId: string, reportId: string, expectedDate: string, note: string | null) => call('reports.accept', { villageId, reportId, expectedDate, note })
export const rejectReport = (villageId: string, reportId: string, reason: string) => call('reports.reject', { villageId, reportId, reason })
export const transferReport = (input: InputOf<'reports.transfer'>) => call('reports.transfer', input)
export const startReport = (villageId: string, reportId: string, note: string | null) => call('reports.start', { villageId, reportId, note })
export const resolveReport = (villageId: string, reportId: string, note: string, photos: string[]) => call('reports.resolve', { villageId, reportId, note, photos })
export const getFigures = (villageId: string) => call('reports.figures', { villageId })
export const getTown = (villageId: string) => call('reports.town', { villageId })
export const exportReportsCsv = (villageId: string, scope: 'village' | 'town', after: string | null = null) => call('reports.exportCsv', { villageId, scope, after })
export const getClusters = (villageId: string) => call('reports.clusters', { villageId })
export const saveSettings = (input: InputOf<'reports.setSettings'>) => call('reports.setSettings', input)

/** the committee: a cluster of reports turned into one draft topic (the deliberation feature's action), which they then link to */
export const topicFromReports = (villageId: string, reportIds: string[], title: string, question: string) => call('topics.fromReports', { villageId, reportIds, title, question })
