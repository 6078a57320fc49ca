/**
 * Workspaces: the grid worker's (my grids' households, who has not agreed to the current rules or voted in an open
 * topic, 走访记录), the town officer's (every village of the town at once, from counts) and the hall staff's (their
 * hall's day in counts). Every view and input; the client imports this file for types only.
 */
import { z } from 'zod'
import { action } from '../../contract/action'
import type { HallDay, TownVillage, WorkspaceTopic } from '../account/figures'

export type { TownVillage, WorkspaceTopic } from '../account/figures'

// ---------------------------------------------------------------------------------------------
// views

export interface VisitView {
  id: string
  householdId: string
  doorplate: string
  gridName: string | null
  date: string
  note: string
  photos: string[]
  /** fileId -> url */
  photoUrls: Record<string, string>
  visitorName: string
  createdAt: number
  mine: boolean
}

export interface GridHousehold {
  id: string
  doorplate: string
  headName: string
  /** residents registered at this doorplate */
  residents: number
  /** residents who have not agreed to the current rules (empty when there is no current version) */
  notAgreed: string[]
  /** the open topics this household (or, by person, some of its residents) has not voted in yet */
  notVoted: Array<{ topicId: string; title: string; names: string[] }>
  lastVisit: { date: string; visitorName: string } | null
}

export interface WorkspaceGrid {
  id: string
  name: string
  /** households registered in the grid (their list comes a page at a time: workspace.households) */
  households: number
  /** the grid's open reports on my queue (those the town took over are not), and the overdue among them */
  reports: { open: number; overdue: number }
}

/** A page of a grid's households, by 门牌号; `next` reads the one after it (null: the last). */
export interface GridHouseholdPage {
  households: GridHousehold[]
  next: string | null
}

export interface GridWorkspace {
  villageName: string
  /** the current version of the rules, if any */
  rulesVersion: number | null
  openTopics: WorkspaceTopic[]
  grids: WorkspaceGrid[]
  /** my visits, newest first */
  visits: VisitView[]
}

export interface TownWorkspace {
  townName: string
  /** YYYY-MM-DD, today in Shanghai */
  date: string
  villages: TownVillage[]
}

/** the hall staff's day (account computes it for 首页's 待办 too) */
export type HallWorkspace = HallDay

// ---------------------------------------------------------------------------------------------
// inputs

const id = z.string().trim().min(1, '缺少编号').max(160, '编号过长')
const villageId = id
const day = z
  .string({ required_error: '请选择走访日期', invalid_type_error: '请选择走访日期' })
  .trim()
  .regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 2026-12-03')

export const workspaceActions = {
  /** 网格员工作: my grids in counts (households, open and overdue reports), the open topics' turnout, my recent visits */
  'workspace.grid': action<GridWorkspace>()(z.object({ villageId })),
  /**
   * a page of one of my grids' households, each with who has not agreed or voted and its last visit (加载更多:
   * `after` = the last page's `next`); or, with `householdId`, that one household of my grids (记录走访)
   */
  'workspace.households': action<GridHouseholdPage>()(
    z.object({ villageId, gridId: id.optional(), householdId: id.optional(), after: z.string().max(400, '翻页参数无效').optional() }).refine((x) => x.gridId || x.householdId, { message: '请选择网格', path: ['gridId'] }),
  ),
  /** visits: mine (newest first), or one household's of my grids by every grid worker */
  'workspace.visits': action<VisitView[]>()(z.object({ villageId, householdId: id.optional() })),
  /** 记录走访: a household of my grids, the day, a note, an optional photo */
  'workspace.recordVisit': action<VisitView>()(
    z.object({
      villageId,
      householdId: z.string({ required_error: '请选择走访的住户', invalid_type_error: '请选择走访的住户' }).trim().min(1, '请选择走访的住户').max(160, '编号过长'),
      date: day,
      note: z
        .string({ required_error: '请填写走访情况', invalid_type_error: '请填写走访情况' })
        .trim()
        .min(4, '走访情况至少4个字')
        .max(500, '走访情况不超过500个字'),
      photos: z.array(z.string().max(300, '照片无效'), { invalid_type_error: '照片无效' }).max(3, '最多3张照片').default([]),
    }),
  ),
  /** the town officer: every village of the town at once, from counts */
  'workspace.town': action<TownWorkspace>()(z.object({ villageId })),
  /** the hall staff: their hall's day in counts */
  'workspace.hall': action<HallWorkspace>()(z.object({ villageId })),
}
