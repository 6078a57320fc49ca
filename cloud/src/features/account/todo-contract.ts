import { z } from 'zod'
import { action } from '../../contract/action'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')

/** whose queue an item is: mine as a resident, or the work of my role */
export type TodoGroup = 'mine' | 'committee' | 'grid' | 'hall' | 'town'

/** One thing waiting, with how many and the page that deals with it (首页's 待办). */
export interface TodoItem {
  key: string
  group: TodoGroup
  label: string
  count: number
  /** a short line under it (the nearest deadline, today's share), or null */
  note: string | null
  /** the page to open (a tab page is switched to) */
  page: string
}

export const todoActions = {
  /** everything waiting for the caller in the village, by counting (the committee's queues even when empty) */
  'account.todo': action<{ items: TodoItem[] }>()(z.object({ villageId: id })),
}
