/** The workspace feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getGridWorkspace = (villageId: string) => call('workspace.grid', { villageId })
/** a page of a grid's households (`after`: the last page's `next`), or one household of my grids */
export const getHouseholds = (villageId: string, where: { gridId: string; after?: string } | { householdId: string }) => call('workspace.households', { villageId, ...where })
export const getVisits = (villageId: string, householdId?: string) => call('workspace.visits', { villageId, householdId })
export const recordVisit = (input: InputOf<'workspace.recordVisit'>) => call('workspace.recordVisit', input)
export const getTownWorkspace = (villageId: string) => call('workspace.town', { villageId })
export const getHallWorkspace = (villageId: string) => call('workspace.hall', { villageId })
