/**
 * Demo 走访记录, relative to now: 黄伟明 (网格员, 第一、二网格) has visited households of both his grids over the past
 * two weeks, so his workspace opens full; 吴丽华's household twice (the last visit is what the list shows).
 */
import type { Store } from '../../ports/store'
import { shanghaiDayPlus } from '../../common/time'
import { householdId } from '../account/policy'
import type { Visit } from './documents'

const X = 'v-xinshan'
const HOUR = 3_600_000
const VISITOR = { visitorId: 'p_huangweiming', visitorName: '黄伟明' }

/** oldest first */
const VISITS: Array<{ id: string; doorplate: string; grid: string; daysAgo: number; note: string }> = [
  { id: 'visit-wu-1', doorplate: '新山村东一巷30号', grid: 'g1', daysAgo: 12, note: '吴阿姨独居，腿脚不便，想预约长者饭堂午餐但不会用手机，已告知可到服务中心由工作人员代为预约。' },
  { id: 'visit-chen', doorplate: '新山村西二巷20号', grid: 'g2', daysAgo: 6, note: '陈建国家反映门口路灯不亮，已帮其在随手拍上报；提醒其阅读并承诺新的村规民约。' },
  { id: 'visit-lin', doorplate: '新山村东一巷12号', grid: 'g1', daysAgo: 3, note: '林水生家三口在家，了解鱼塘承包方案的意见，李桂兰阿姨想知道配偶能否投票，已解释按户表决由户代表投票。' },
  { id: 'visit-wu-2', doorplate: '新山村东一巷30号', grid: 'g1', daysAgo: 1, note: '回访吴阿姨，午餐已由服务中心预约，身体状况良好，家中排水沟已清理。' },
]

export async function seedWorkspace(store: Store, now: number): Promise<void> {
  for (const v of VISITS) {
    const visit: Visit = {
      _id: `${X}:${v.id}`,
      villageId: X,
      householdId: householdId(X, v.doorplate),
      gridId: `${X}:${v.grid}`,
      doorplate: v.doorplate,
      date: shanghaiDayPlus(now, -v.daysAgo),
      note: v.note,
      photos: [],
      ...VISITOR,
      createdAt: now - v.daysAgo * 24 * HOUR + 2 * HOUR,
    }
    await store.insert('visits', visit)
    // the household keeps its last visit, as recordVisit does (VISITS is oldest first)
    await store.update('households', { _id: visit.householdId }, { set: { lastVisit: { date: visit.date, visitorId: visit.visitorId, visitorName: visit.visitorName } } })
  }
}

/** for the tests: the demo visits' ids */
export const DEMO_VISITS = Object.fromEntries(VISITS.map((v) => [v.id, `${X}:${v.id}`])) as Record<string, string>
