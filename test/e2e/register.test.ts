/**
 * In Chromium, 村民户籍 on a register larger than a page: 林志强 reads the count of the whole register (not the page's),
 * 加载更多 adds the next page, a grid and a search are answered by the server, and naming a 户代表 on a household
 * the search found shows at once and is kept; 黄伟明 (网格员, 第一、二网格) sees his grids only. Screenshot in test/artifacts/.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import type { Household, Membership } from '../../cloud/src/contract'
import { appForSuite, ARTIFACTS, chromiumAvailable, type App } from './browser'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'

const run = chromiumAvailable() ? describe : describe.skip
jest.setTimeout(300_000)

const X = 'v-xinshan'
const EXTRA = 40

run('in Chromium: the village register a page at a time', () => {
  let app: App
  let page: Page
  appForSuite((a, p) => ([app, page] = [a, p]))
  const store = () => app.server.ports.store
  const open = () => page.goto(`${app.server.url}/#/features/account/pages/register/index`)
  const header = () => page.locator('.vh-card').filter({ hasText: '新山村 · 村民户籍' })
  const household = (doorplate: string) => page.locator('.vh-card').filter({ has: page.getByText(doorplate, { exact: true }) })

  beforeAll(async () => {
    // 新山村's demo register grown past a page: 40 households on 南街 in 第三网格, each with its 户主
    const model = (await store().find('households', { villageId: X }, { limit: 1 }))[0]
    const households: Household[] = Array.from({ length: EXTRA }, (_, i) => ({ ...model, _id: `${X}:e2e-h${i}`, gridId: `${X}:g3`, doorplate: `新山村南街${i + 1}号`, headName: `南街户主${i + 1}`, repPersonId: null }))
    const members = households.map((h, i): Membership => ({
      _id: `${X}:p_e2e${i}`, villageId: X, personId: `p_e2e${i}`, name: `南街户主${i + 1}`, householdId: h._id, relation: '户主', roles: ['resident'], partyMember: false, gridIds: [], hallId: null, townId: null, joinedAt: Date.now(),
    }))
    await store().insertMany('households', households)
    await store().insertMany('memberships', members)
    // written past the handlers: the register's counters are rebuilt from them, as the migration does for an older folder
    await rebuildResidentCounts(store(), X)
  })

  test('林志强: the whole register’s count, 加载更多, a grid, a search, and a 户代表 named on what it found', async () => {
    const total = await store().count('households', { villageId: X })
    const noRep = await store().count('households', { villageId: X, repPersonId: null })
    const ordered = await store().find('households', { villageId: X }, { sort: [['doorplate', 'asc'], ['_id', 'asc']], limit: 1000 })
    await app.signInAs(page, '林志强')
    await open()
    await header().getByText(`共 ${total} 户，其中 ${noRep} 户没有户代表，不能参加按户表决`).waitFor()
    await household(ordered[29].doorplate).waitFor()
    expect(await page.getByText(ordered[30].doorplate, { exact: true }).count()).toBe(0)
    await page.getByText('加载更多', { exact: true }).click()
    await household(ordered[30].doorplate).waitFor()
    await page.screenshot({ path: path.join(ARTIFACTS, 'e2e-register.png'), fullPage: true })

    await header().getByText('第三网格（新村）', { exact: true }).click()
    const g3 = await store().count('households', { villageId: X, gridId: `${X}:g3` })
    await header().getByText(`第三网格（新村）：共 ${g3} 户`, { exact: false }).waitFor()
    await header().getByText('全部', { exact: true }).click()

    // 李桂兰 is found by her name, on the server, and named her household's 户代表
    await page.getByRole('textbox', { name: '搜索姓名或门牌号' }).fill('李桂兰')
    await page.getByText('新山村南街1号', { exact: true }).waitFor({ state: 'detached' })
    const home = household('新山村东一巷12号')
    await home.getByText('管理本户', { exact: true }).click()
    await home.locator('.vh-btn', { hasText: '设为户代表' }).first().click()
    await home.getByText('户主 林水生 · 户代表 李桂兰', { exact: false }).waitFor()
    expect((await store().get('households', `${X}:新山村东一巷12号`))!.repPersonId).toBe('p_liguilan')
  })

  test('黄伟明: his grids only, none of 第三网格’s households', async () => {
    await app.signInAs(page, '黄伟明')
    await open()
    const mine = await store().count('households', { villageId: X, gridId: { $in: [`${X}:g1`, `${X}:g2`] } })
    await header().getByText(`共 ${mine} 户`, { exact: false }).waitFor()
    expect(await header().getByText('第三网格（新村）', { exact: true }).count()).toBe(0)
    expect(await page.getByText('新山村南街1号', { exact: true }).count()).toBe(0)
  })
})
