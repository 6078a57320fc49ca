import type { VNode } from './runner/view'
import { findAll, textOf } from './runner/view'

/**
 * Every page of the built app.json, opened in the runner as a demo person for whom it makes sense,
 * with the parameters a real link carries. A page without a case fails the suite.
 *   expect: texts only the loaded data can produce
 *   tap:    the page's main button, and what it must reach: a backend action, a navigation URL or a wx API
 *           (first: texts tapped before it, e.g. a choice; scrollToEnd: read to the end first)
 */
export interface PageCase {
  page: string
  /** the demo person's OPENID (see cloud/src/seed) */
  as: string
  query?: Record<string, string>
  expect: string[]
  tap?: { text: string; action?: string; url?: string | RegExp; wx?: string; first?: string[]; scrollToEnd?: boolean }
  /** backend calls made before the page opens (as other people), e.g. to give someone a notification */
  prepare?: (call: (openid: string, action: string, input: unknown) => Promise<any>) => Promise<void> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** a name for the screenshot when a page has several cases */
  name?: string
  /** more checks of the rendered tree (e.g. the markers and polygons a native map is given) */
  check?: (tree: VNode) => void
}

/**
 * What WeChat's screen reader gets (config/weapp-aria.ts): aria-role, aria-label, aria-checked… on the views,
 * which WeChat's template compiler hands its renderer as ariaRole, ariaLabel… The ballot's choices are radios
 * in the group 您的表决, none picked yet; the turnout meter a named progressbar with its value; the kit's tappable
 * lines buttons.
 */
function ariaChecks(tree: VNode) {
  const role = (r: string) => findAll(tree, (n) => n.attr.ariaRole === r)
  const ballot = role('radiogroup').find((g) => g.attr.ariaLabel === '您的表决')
  expect(ballot).toBeDefined()
  const choices = findAll(ballot!, (n) => n.attr.ariaRole === 'radio')
  expect(choices.map((n) => textOf(n).trim())).toEqual(['赞成', '反对', '弃权'])
  expect(choices.map((n) => n.attr.ariaChecked)).toEqual([false, false, false])
  const meter = role('progressbar')[0]
  expect(meter?.attr.ariaLabel).toMatch(/^参与.+数$/)
  expect(typeof meter?.attr.ariaValuenow).toBe('number')
  expect(meter?.attr.ariaValuemax).toBeGreaterThanOrEqual(meter?.attr.ariaValuenow as number)
  expect(role('button').length).toBeGreaterThan(0)
}

const committee = 'demo-linzhiqiang'
const resident = 'demo-linshuisheng'
const T = { road: 'v-xinshan:t1', square: 'v-xinshan:t3', draft: 'v-xinshan:t6' }

// 长者饭堂 and the stations (cloud/src/features/booking/seed.ts): 林俊 books for his mother 李桂兰; 张秀英 staffs the hall
const son = 'demo-linjun'
const hallStaff = 'demo-zhangxiuying'
const HALL = { villageId: 'v-xinshan', hallId: 'v-xinshan:hall' }
/** a Beijing day from the day of `at`, and how the pages name it (12月4日 周五) */
const beijingDay = (plus: number, at: number) => new Date(at + 8 * 3_600_000 + plus * 86_400_000).toISOString().slice(0, 10)
const dayName = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日 ${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][new Date(`${d}T12:00:00Z`).getUTCDay()]}`
/** the seed's next lunch: tomorrow, or the day after when tomorrow is a Sunday (no lunch) */
const nextLunchAfter = (at: number) => [beijingDay(1, at), beijingDay(2, at)].find((d) => new Date(`${d}T12:00:00Z`).getUTCDay() !== 0)!

// 随手拍 and the grid (cloud/src/features/reports/seed.ts): 黄伟明 serves 第一、二网格, 蔡国华 is 联安镇's officer
const gridWorker = 'demo-huangweiming'
const REPORT = (key: string) => ({ villageId: 'v-xinshan', reportId: `v-xinshan:r-${key}` })
const detailUrl = (key: string) => new RegExp(`^/features/reports/pages/detail/index\\?villageId=v-xinshan&reportId=v-xinshan%3Ar-${key}$`)
/** the native <map> node and what Taro hands it: WeChat draws these */
function mapChecks(tree: VNode) {
  const maps = findAll(tree, (n) => n.tag === 'map')
  expect(maps).toHaveLength(1)
  const { markers, polygons, latitude, longitude } = maps[0].attr as {
    markers: Array<{ id: number; latitude: number; longitude: number; callout?: { content: string; bgColor: string }; label?: { content: string } }>
    polygons: Array<{ points: Array<{ latitude: number; longitude: number }> }>
    latitude: number
    longitude: number
  }
  // 新山村's three grids, each a closed rectangle at the village (GCJ-02, near 115.33, 22.93)
  expect(polygons).toHaveLength(3)
  for (const p of polygons) {
    expect(p.points).toHaveLength(5)
    expect(p.points[0]).toEqual(p.points[4])
    for (const pt of p.points) expect([Math.round(pt.longitude * 100) / 100, Math.round(pt.latitude * 100) / 100]).toEqual([115.33, 22.93])
  }
  expect([latitude, longitude].map((x) => Math.round(x * 100) / 100)).toEqual([22.93, 115.33])
  const reports = markers.filter((m) => m.callout)
  // every seeded 新山村 report open or closed in the last 30 days, each with its word and colour; the overdue ones red
  expect(reports.length).toBeGreaterThanOrEqual(10)
  expect(reports.map((m) => m.callout!.content)).toEqual(expect.arrayContaining(['环境卫生·逾期', '安全隐患·逾期', '噪音·已上报', '道路设施·已受理', '其他·处理中']))
  expect(reports.filter((m) => m.callout!.content.endsWith('逾期')).every((m) => m.callout!.bgColor === '#c62828')).toBe(true)
  expect(new Set(markers.map((m) => m.id)).size).toBe(markers.length)
  expect(markers.filter((m) => m.label).map((m) => m.label!.content)).toEqual(['新山村党群服务中心'])
}

/**
 * The cases as of the moment `seededAt` a backend's demo was seeded: the demo's days are relative to it, and a
 * run that crosses midnight in Beijing must expect the seed's days, not the day the module was loaded.
 */
export function casesAt(seededAt: number): PageCase[] {
  const nextLunch = nextLunchAfter(seededAt)
  return [
    { page: 'pages/home/index', as: committee, expect: ['林志强，您好！', '入村申请待审核'], tap: { text: '入村申请待审核1 件›', url: '/features/account/pages/requests/index' } },
    { page: 'pages/topics/index', as: resident, expect: ['东一巷至新村路村道硬底化', '村集体鱼塘承包方案'], tap: { text: '村民提议有事提出来，大家联署后上会›', url: /^\/features\/deliberation\/pages\/proposals\/index/ } },
    { page: 'pages/services/index', as: 'demo-zhangxiuying', expect: ['新山村党群服务中心', '我在此工作', '新山村村委会大院'] },
    { page: 'pages/services/index', name: 'services-newcomer', as: 'demo-wangfang', expect: ['加入您所在的村（社区）后'], tap: { text: '申请加入', url: /^\/features\/account\/pages\/join\/index/ } },
    { page: 'pages/me/index', as: committee, expect: ['林志强', '新山村', '入村审核'], tap: { text: '入村审核›', url: /^\/features\/account\/pages\/requests\/index/ } },
    { page: 'features/account/pages/join/index', as: 'demo-wangfang', expect: ['申请加入村（社区）', '海丰县', '陆河县'], tap: { text: '扫一扫服务中心的二维码', wx: 'scanCode' } },
    { page: 'features/account/pages/requests/index', as: committee, expect: ['刘晓东', '新山村东一巷12号（户主 林水生）'], tap: { text: '批准', action: 'join.decide' } },
    {
      page: 'features/account/pages/register/index',
      as: committee,
      expect: ['新山村 · 村民户籍', '新山村东一巷12号', '户主 林水生 · 户代表 林水生', '李桂兰'],
      tap: { first: ['李桂兰'], text: '设为户代表', action: 'register.setRep' },
      // a page of the register: the count is the server's, the grids a filter asked of the server
      check: (tree) => {
        expect(textOf(tree)).toMatch(/共 \d+ 户/)
        const grids = findAll(tree, (n) => n.attr.ariaRole === 'radiogroup' && n.attr.ariaLabel === '按网格查看')
        expect(grids.map((g) => textOf(g))).toEqual([expect.stringMatching(/^全部.*第一网格（村东）.*未分网格$/)])
      },
    },
    {
      page: 'features/account/pages/notifications/index',
      as: 'demo-liuxiaodong',
      prepare: async (call) => {
        const queue = await call(committee, 'join.queue', { villageId: 'v-xinshan', status: 'pending' })
        const mine = (queue as { _id: string; name: string }[]).find((r) => r.name === '刘晓东')
        if (!mine) throw new Error('no pending request of 刘晓东 in the seed')
        await call(committee, 'join.decide', { villageId: 'v-xinshan', requestId: mine._id, decision: 'approve' })
      },
      expect: ['新山村'],
      tap: { text: '新山村', url: /^\// },
    },
    { page: 'features/rules/pages/read/index', as: 'demo-chenjianguo', expect: ['新山村村规民约', '第一章 总则', '本村已有 6 户'], tap: { text: '我已阅读并承诺遵守', action: 'rules.agree', scrollToEnd: true } },
    { page: 'features/rules/pages/read/index', name: 'read-version', as: resident, query: { versionId: 'v-xinshan:v1' }, expect: ['新山村村规民约', '第一章 总则'] },
    { page: 'features/rules/pages/versions/index', as: committee, expect: ['第1版 新山村村规民约', '6 章 24 条'], tap: { text: '第1版 新山村村规民约', url: /^\/features\/rules\/pages\/read\/index\?versionId=v-xinshan(%3A|:)v1/ } },
    { page: 'features/rules/pages/draft/index', as: committee, expect: ['现行的是第1版《新山村村规民约》，共 24 条'], tap: { text: '以现行第1版为底稿起草', action: 'rules.startDraft' } },
    { page: 'features/rules/pages/follow-up/index', as: committee, expect: ['承诺情况跟进', '林俊', '新山村东一巷12号', '第二网格（村西）（2人）'], tap: { text: '导出未承诺名单', action: 'rules.exportCsv' } },
    {
      page: 'features/deliberation/pages/topic/index',
      as: resident,
      query: { topicId: T.road },
      expect: ['东一巷至新村路村道硬底化', '代李桂兰投票', '实时票数', '议事讨论（7）', '东一巷下雨积水的几个点我都拍照记录了'],
      tap: { first: ['赞成'], text: '确认投票', action: 'ballots.cast' },
      check: ariaChecks,
    },
    {
      page: 'features/deliberation/pages/topic/index',
      name: 'topic-meeting-ballot',
      as: 'demo-huangdeming',
      query: { topicId: T.road },
      expect: ['东一巷至新村路村道硬底化', '现场表决由林志强登记', '已提出异议：那天我在镇上', '回执码 '],
    },
    {
      page: 'features/deliberation/pages/topic/index',
      name: 'topic-closed-receipt',
      as: resident,
      query: { topicId: T.square },
      expect: ['修缮祠堂前广场', '您的选票已计入（回执码 '],
      tap: { text: '查看计票清单 ›', url: /^\/features\/deliberation\/pages\/count\/index\?topicId=v-xinshan(%3A|:)t3/ },
    },
    {
      page: 'features/deliberation/pages/count/index',
      as: resident,
      query: { topicId: T.square },
      expect: ['修缮祠堂前广场', '不含姓名', '您的选票在这里', '✓ 与公布的各选项票数一致', '计票清单（8 行）', '现场表决'],
      tap: { text: '复制校验码', wx: 'setClipboardData' },
    },
    { page: 'features/deliberation/pages/edit/index', as: committee, query: { topicId: T.draft }, expect: ['编辑议题草稿', '表决方式'], tap: { text: '保存草稿', action: 'topics.save' } },
    { page: 'features/deliberation/pages/meeting/index', as: committee, query: { topicId: T.road }, expect: ['东一巷至新村路村道硬底化', '李桂兰', '新山村东一巷12号', '异议：那天我在镇上'], tap: { first: ['李桂兰新山村东一巷12号登记 ›', '赞成'], text: '确认登记', action: 'ballots.recordInPerson' } },
    { page: 'features/deliberation/pages/manage/index', as: committee, query: { topicId: T.square }, expect: ['修缮祠堂前广场', '赞成 6 票，超过参加表决 8 人的半数', '第一网格（村东）'], tap: { text: '导出计票结果', action: 'topics.exportCsv' } },
    {
      page: 'features/deliberation/pages/roll/index',
      as: committee,
      query: { topicId: T.draft },
      expect: ['整治村内池塘环境', '草稿：发布时以此名单为准', '林水生', '新山村东一巷12号', '可加入的人员', '名册调整记录'],
      tap: { first: ['移出', '已迁出本村'], text: '确认移出', action: 'topics.amendRoll' },
    },
    { page: 'features/deliberation/pages/roll/index', name: 'roll-resident', as: resident, query: { topicId: T.road }, expect: ['东一巷至新村路村道硬底化', '本议题选民名册共', '李桂兰', '新山村东一巷12号'] },
    { page: 'features/deliberation/pages/proposals/index', as: resident, expect: ['村小学门口设置减速带和斑马线', '已有 2/5 人联署'], tap: { text: '联署', action: 'proposals.cosign' } },
    // 个人信息 and the audit log
    {
      page: 'features/account/pages/record/index',
      as: 'demo-chenjianguo',
      query: { kind: 'comments' },
      expect: ['评论「东一巷至新村路村道硬底化」', '东一巷一下雨就是泥路，老人小孩出门不方便，早该硬化了。', '修改', '删除'],
      tap: { text: '查看', url: /^\/features\/deliberation\/pages\/topic\/index\?topicId=/ },
    },
    { page: 'features/account/pages/poster/index', as: committee, expect: ['新山村', '村居议事厅', '微信扫一扫 申请加入', '村委会核实是本村村民后通过'], tap: { text: '保存到相册', wx: 'saveImageToPhotosAlbum' } },
    { page: 'features/account/pages/my-data/index', as: resident, expect: ['林水生的个人信息', '所在村（社区）', '点「查看」逐类读取', '我的联署', '注销个人信息'], tap: { text: '导出（复制全部内容）', wx: 'setClipboardData' } },
    {
      page: 'features/account/pages/deletions/index',
      as: committee,
      prepare: async (call) => {
        await call('demo-linjun', 'account.requestDeletion', { reason: '已搬到河南社区长住' })
      },
      expect: ['新山村 · 注销申请', '林俊', '门牌：新山村东一巷12号', '原因：已搬到河南社区长住', '确认注销'],
    },
    {
      page: 'features/audit/pages/log/index',
      as: 'demo-caiguohua',
      prepare: async (call) => {
        const queue = (await call(committee, 'join.queue', { villageId: 'v-xinshan', status: 'pending' })) as { _id: string; name: string }[]
        const request = queue.find((r) => r.name === '刘晓东')
        if (!request) throw new Error('no pending request of 刘晓东 in the seed')
        await call(committee, 'join.decide', { villageId: 'v-xinshan', requestId: request._id, decision: 'reject', reason: '门牌号核对不上' })
      },
      // the rejection's entry is written pending: the job has not linked it yet
      expect: ['新山村 · 操作记录', '驳回入村申请', '刘晓东（新山村东一巷12号）', '理由：门牌号核对不上', '待入链'],
      tap: { text: '校验记录完整性', action: 'audit.verify' },
    },
    // 红黑榜 and 善行义举榜
    {
      page: 'features/boards/pages/board/index',
      as: resident,
      expect: ['红榜', '黑榜', '善行义举榜', '巷道每天清扫，垃圾桶分类清楚，无乱堆乱放', '对象：东一巷 · 保洁责任人 黄伟明', '奖励：积分+10，可在村积分超市兑换日用品', '+10 分'],
      tap: { text: '路段排名各路段红榜积分›', url: /^\/features\/boards\/pages\/ranking\/index/ },
    },
    {
      page: 'features/boards/pages/entry/index',
      as: committee,
      query: { entryId: 'v-xinshan:b9' },
      expect: ['村东水塘', '往村东水塘排放洗衣污水', '我家早已接入污水管', '答复申诉', '道德评议会意见'],
      tap: { first: ['支持申诉（撤销）'], text: '提交答复', action: 'boards.decideAppeal' },
    },
    {
      page: 'features/boards/pages/mine/index',
      as: 'demo-chenjianguo',
      expect: ['我家的公示', '门前堆放旧家具和垃圾超过一周未清理', '公示前告知：请在', '我要申诉'],
      tap: { text: '西二巷20号门前 ›', url: /^\/features\/boards\/pages\/entry\/index\?entryId=v-xinshan(%3A|:)b8/ },
    },
    { page: 'features/boards/pages/nominations/index', as: resident, expect: ['推荐一位邻居上善行义举榜', '道德评议会 · 评议推荐', '下塘救起落水的邻居小孩，并送医检查', '吴丽华 推荐'] },
    { page: 'pages/me/index', name: 'me-council', as: resident, expect: ['林水生', '四会', '道德评议会成员'], tap: { text: '道德评议会成员评议好人好事推荐›', url: /^\/features\/boards\/pages\/nominations\/index/ } },
    { page: 'features/boards/pages/ranking/index', as: resident, expect: ['新山村 · 路段排名', '东一巷', '西二巷', '新村路'] },
    {
      page: 'features/boards/pages/manage/index',
      as: committee,
      expect: ['新山村 · 榜单管理', '门前堆放旧家具和垃圾超过一周未清理', '公示前告知', '公示有效期'],
      tap: { text: '新建榜单条目', url: /^\/features\/boards\/pages\/create\/index/ },
    },
    { page: 'features/boards/pages/create/index', as: committee, expect: ['新建榜单条目', '责任方', '选择条款 ▾', '榜单月份'] },
    { page: 'features/boards/pages/councils/index', as: committee, expect: ['新山村 · 四会成员', '道德评议会', '郑志远', '红白理事会', '陈美玲', '任命成员'], tap: { text: '免去', action: 'councils.remove' } },
    // 长者饭堂 and the stations
    { page: 'pages/services/index', name: 'services-volunteer', as: son, expect: ['志愿服务', '志愿活动', '志愿时长'], tap: { text: '志愿活动', url: /^\/features\/volunteer\/pages\/list\/index\?villageId=v-xinshan$/ } },
    { page: 'pages/services/index', name: 'services-booking', as: son, expect: ['新山村党群服务中心', '今日预约 · 签到', '长者饭堂', '社工服务站', '一村一法律顾问'], tap: { text: '社工服务站', url: /^\/features\/booking\/pages\/service\/index\?villageId=v-xinshan&serviceId=v-xinshan%3Ahall%3AsocialWork$/ } },
    { page: 'pages/me/index', name: 'me-bookings', as: son, expect: ['我的预约', '个即将到来', '家人代订'], tap: { text: '我的预约', url: /^\/features\/booking\/pages\/mine\/index\?villageId=v-xinshan$/ } },
    {
      // opened as WeChat opens a scanned mini-program code: the page with ?scene=<the code's scene, URL-encoded>
      page: 'features/booking/pages/hall/index',
      as: son,
      query: { scene: 'h=v-xinshan:hall' },
      expect: ['新山村党群服务中心', '新山村村委会大院', '今日预约 · ', '服务项目', '公共服务站'],
      tap: { text: '长者饭堂', url: /^\/features\/booking\/pages\/service\/index\?villageId=v-xinshan&serviceId=v-xinshan%3Ahall%3Acanteen$/ },
    },
    { page: 'features/booking/pages/hall/index', name: 'hall-staff', as: hallStaff, query: HALL, expect: ['新山村党群服务中心', '工作人员', '备餐人数'], tap: { text: '今日名单', url: /^\/features\/booking\/pages\/day\/index\?villageId=v-xinshan&hallId=v-xinshan%3Ahall$/ } },
    {
      page: 'features/booking/pages/service/index',
      as: son,
      query: { villageId: 'v-xinshan', serviceId: 'v-xinshan:hall:publicService' },
      expect: ['公共服务站', '办事咨询 周一至周五 09:00–11:30（每30分钟一段） · 每段2位', '林俊（本人）', '李桂兰（同户）', '剩余2位'],
      tap: { text: '预约', action: 'booking.book' },
    },
    {
      page: 'features/booking/pages/service/index',
      name: 'service-canteen',
      as: son,
      query: { villageId: 'v-xinshan', serviceId: 'v-xinshan:hall:canteen' },
      expect: ['长者饭堂', '费用：每餐12元，60岁以上补贴7元，实付5元', '对象：60岁及以上长者或登记在册的困难家庭', '林水生（同户）', '李桂兰：'],
    },
    { page: 'features/booking/pages/mine/index', as: son, query: { villageId: 'v-xinshan' }, expect: ['李桂兰', '长者饭堂 · ', '林俊 代订', '新山村党群服务中心'], tap: { text: '取消预约', action: 'booking.cancel' } },
    { page: 'features/booking/pages/family/index', as: 'demo-chenxiaohong', query: { villageId: 'v-xinshan' }, expect: ['授权我代订的人', '吴丽华', '张秀英登记'], tap: { text: '取消授权', action: 'booking.revoke' } },
    {
      page: 'features/booking/pages/day/index',
      as: hallStaff,
      query: { ...HALL, date: nextLunch },
      expect: [`新山村党群服务中心 · ${dayName(nextLunch)}`, '长者饭堂 11:30–12:30 午餐', '已约 32/80 · 签到 0', '李桂兰', '新山村东一巷12号 · 林俊代订', '郑志远'],
      tap: { text: `导出${dayName(nextLunch)}名单`, action: 'booking.exportCsv' },
    },
    { page: 'features/booking/pages/headcount/index', as: hallStaff, query: HALL, expect: ['新山村党群服务中心 · 未来7天备餐', '长者饭堂 11:30–12:30 午餐', '32/80 位', '休息：厨房设备检修'], tap: { text: '导出未来7天备餐人数', action: 'booking.exportCsv' } },
    { page: 'features/booking/pages/setup/index', as: hallStaff, query: HALL, expect: ['新山村党群服务中心 · 服务设置', '午餐 周一至周六 11:30–12:30 · 每段80位', '一村一法律顾问', '爽约次数上限'], tap: { text: '新增服务', url: /^\/features\/booking\/pages\/service-edit\/index\?villageId=v-xinshan&hallId=v-xinshan%3Ahall$/ } },
    {
      page: 'features/booking/pages/service-edit/index',
      as: hallStaff,
      query: { ...HALL, serviceId: 'v-xinshan:hall:canteen' },
      expect: ['编辑服务 · 长者饭堂', '11:30 ▾', '17:00 ▾', '新山村新村路6号（户主 黄德明）'],
      tap: { text: '保存', action: 'booking.saveService' },
    },
    { page: 'features/booking/pages/people/index', as: hallStaff, query: { villageId: 'v-xinshan' }, expect: ['吴丽华', '需现场办理', '爽约 3 次', '新山村东一巷30号'], tap: { text: '清零', action: 'booking.setPerson' } },
    { page: 'features/booking/pages/poster/index', as: hallStaff, query: HALL, expect: ['新山村党群服务中心', '微信扫一扫 预约·签到', '午餐 周一至周六 11:30–12:30 · 每段80位'], tap: { text: '保存到相册', wx: 'saveImageToPhotosAlbum' } },
    // 随手拍 and the grid
    { page: 'pages/home/index', name: 'home-grid-worker', as: gridWorker, expect: ['随手拍', '我的网格待办', '民情地图'], tap: { text: '我的网格待办', url: /^\/features\/reports\/pages\/queue\/index\?villageId=v-xinshan$/ } },
    { page: 'pages/me/index', name: 'me-reports', as: 'demo-chenjianguo', expect: ['我的随手拍', '上报和同问的问题'], tap: { text: '我的随手拍', url: /^\/features\/reports\/pages\/mine\/index\?villageId=v-xinshan$/ } },
    {
      page: 'features/reports/pages/report/index',
      as: 'demo-chenjianguo',
      query: { villageId: 'v-xinshan' },
      expect: ['问题类别', '环境卫生', '违章搭建', '在地图上选择位置', '匿名上报'],
      tap: { text: '在地图上选择位置', wx: 'chooseLocation' },
    },
    {
      page: 'features/reports/pages/detail/index',
      as: gridWorker,
      query: REPORT('lamp'),
      expect: ['道路设施', '东一巷中段的路灯坏了好几天', '新山村东一巷中段', '第一网格', '吴丽华', '受理期限：还剩', '办理经过'],
      tap: { first: ['受理'], text: '确认受理', action: 'reports.accept' },
    },
    {
      page: 'features/reports/pages/detail/index',
      name: 'detail-anonymous',
      as: 'demo-chenjianguo',
      query: REPORT('noise'),
      expect: ['西二巷有商户每天晚上十一点后还在用大音箱放音乐', '匿名村民', '同问'],
      tap: { text: '同问', action: 'reports.metoo' },
    },
    {
      page: 'features/reports/pages/detail/index',
      name: 'detail-confirm',
      as: 'demo-liguilan',
      query: REPORT('drain'),
      expect: ['东一巷排水沟被树叶和泥沙堵住了', '已办结', '问题解决了吗？', '没有解决'],
      tap: { first: ['★', '确认已解决'], text: '提交评价', action: 'reports.confirm' },
    },
    {
      page: 'features/reports/pages/mine/index',
      as: 'demo-chenjianguo',
      query: { villageId: 'v-xinshan' },
      expect: ['我上报的（2）', '新村路边有人乱倒建筑垃圾', '西河堤小桥的栏杆断了一截', '已确认'],
      tap: { text: '西河堤小桥的栏杆断了一截', url: detailUrl('bridge') },
    },
    {
      page: 'features/reports/pages/queue/index',
      as: gridWorker,
      query: { villageId: 'v-xinshan' },
      expect: ['新山村 · 问题办理', '东一巷中段的路灯坏了好几天', '西二巷有商户每天晚上十一点后还在用大音箱放音乐', '已逾期'],
      tap: { text: '东一巷中段的路灯坏了好几天', url: detailUrl('lamp') },
    },
    {
      page: 'features/reports/pages/map/index',
      as: gridWorker,
      query: { villageId: 'v-xinshan' },
      expect: ['新山村 · 民情地图', '第一网格', '第三网格', '新村路边有人乱倒建筑垃圾'],
      check: mapChecks,
      tap: { text: '东一巷中段的路灯坏了好几天', url: detailUrl('lamp') },
    },
    {
      page: 'features/reports/pages/figures/index',
      as: 'demo-caiguohua',
      query: { villageId: 'v-xinshan' },
      expect: ['新山村 · 办理情况', '平均受理用时', '联安镇 · 各村（社区）', '东尾村', '联安镇 · 逾期问题', '新村路边有人乱倒建筑垃圾'],
      tap: { text: '导出全镇的上报', action: 'reports.exportCsv' },
    },
    {
      page: 'features/reports/pages/figures/index',
      name: 'figures-committee',
      as: committee,
      query: { villageId: 'v-xinshan' },
      expect: ['反复出现的问题', '环境卫生 · 3次', '新村路中段又被倒了装修垃圾'],
      tap: { text: '转为议题', action: 'topics.fromReports' },
    },
    { page: 'features/reports/pages/settings/index', as: committee, query: { villageId: 'v-xinshan' }, expect: ['问题类别与办理时限', '受理时限（小时）', '违章搭建'], tap: { text: '保存', action: 'reports.setSettings' } },
    // 书记信箱 (cloud/src/features/mailbox/seed.ts): 李桂兰's replied letter waits for her stars; 陈建国's 水压 has just arrived
    {
      page: 'features/mailbox/pages/write/index',
      as: 'demo-chenjianguo',
      query: { villageId: 'v-xinshan', aboutKind: 'finance', aboutId: 'v-xinshan:finance-line', aboutLabel: '2026年第三季度 · 村道保洁费' },
      expect: ['党组织书记', '关于：2026年第三季度 · 村道保洁费', '7天内回复', '匿名来信', '同意公开这封信和回复'],
      tap: { text: '添加照片', wx: 'chooseImage' },
    },
    {
      page: 'features/mailbox/pages/letter/index',
      as: 'demo-liguilan',
      query: { villageId: 'v-xinshan', letterId: 'v-xinshan:m-allowance' },
      expect: ['高龄津贴怎么申请', '80周岁以上才可以领取高龄津贴', '对回复满意吗？', '办理经过'],
      tap: { first: ['★'], text: '提交评价', action: 'mailbox.rate' },
    },
    {
      page: 'features/mailbox/pages/letter/index',
      name: 'mailbox-letter-committee',
      as: committee,
      query: { villageId: 'v-xinshan', letterId: 'v-xinshan:m-water' },
      expect: ['东一巷自来水水压太低', '陈建国', '已收到', '回复来信'],
      tap: { text: '受理', action: 'mailbox.accept' },
    },
    {
      page: 'features/mailbox/pages/mine/index',
      as: 'demo-chenjianguo',
      query: { villageId: 'v-xinshan' },
      expect: ['东一巷自来水水压太低', '篮球场晚上能开到几点', '已公开', '评分4星'],
      tap: { text: '写信', url: /^\/features\/mailbox\/pages\/write\/index\?villageId=v-xinshan$/ },
    },
    {
      page: 'features/mailbox/pages/inbox/index',
      as: committee,
      query: { villageId: 'v-xinshan' },
      expect: ['新山村 · 书记信箱', '东一巷排水沟堵塞', '已逾期', '黄德明（匿名）'],
      tap: { text: '东一巷排水沟堵塞', url: /^\/features\/mailbox\/pages\/letter\/index\?villageId=v-xinshan&letterId=v-xinshan%3Am-drain$/ },
    },
    {
      page: 'features/mailbox/pages/public/index',
      as: 'demo-liguilan',
      query: { villageId: 'v-xinshan' },
      expect: ['卫生费收取标准', '答复：卫生费按户收取', '陈建国', '来信人评分5星'],
      tap: { text: '我也要写信', url: /^\/features\/mailbox\/pages\/write\/index\?villageId=v-xinshan$/ },
    },
    { page: 'features/mailbox/pages/settings/index', as: committee, query: { villageId: 'v-xinshan' }, expect: ['回复期限（天）', '林志强于'], tap: { text: '保存', action: 'mailbox.setSettings' } },
    // 志愿服务 (cloud/src/features/volunteer/seed.ts): 林水生 signed up for the clean-up, 李桂兰 for the talk under way; 陈小红 organises the patrol that ended
    { page: 'features/volunteer/pages/list/index', as: resident, query: { villageId: 'v-xinshan' }, expect: ['村道清洁日', '防溺水安全宣传', '新山村志愿服务队 · 已报名 3/3 · 候补 1'], tap: { text: '村道清洁日', url: /^\/features\/volunteer\/pages\/activity\/index\?villageId=v-xinshan&activityId=va-xs-clean$/ } },
    { page: 'features/volunteer/pages/activity/index', as: 'demo-huangdeming', query: { villageId: 'v-xinshan', activityId: 'va-xs-clean' }, expect: ['村道清洁日', '手套、草帽、饮用水', '已报名 1/20', '还没有报名'], tap: { text: '报名参加', action: 'volunteer.signUp' } },
    { page: 'features/volunteer/pages/activity/index', name: 'activity-scan', as: 'demo-liguilan', query: { scene: 'a=va-xs-water' }, expect: ['防溺水安全宣传', '已报名'], tap: { text: '签到', action: 'volunteer.checkIn' } },
    { page: 'features/volunteer/pages/activity/index', name: 'activity-confirm', as: 'demo-chenxiaohong', query: { villageId: 'v-xinshan', activityId: 'va-xs-sort' }, expect: ['报名名单（3人）', '林水生', '未签到 · 记为未参加', '最多3小时'], tap: { text: '确认志愿时长', action: 'volunteer.confirm' } },
    { page: 'features/volunteer/pages/list/index', name: 'list-committee', as: committee, query: { villageId: 'v-xinshan' }, expect: ['村道清洁日', '发布活动'], tap: { text: '发布活动', url: /^\/features\/volunteer\/pages\/edit\/index\?villageId=v-xinshan$/ } },
    { page: 'features/volunteer/pages/edit/index', as: committee, query: { villageId: 'v-xinshan' }, expect: ['发布单位', '村委会', '新山村志愿服务队', '09:00 开始', '11:00 结束'] },
    { page: 'features/volunteer/pages/edit/index', name: 'edit-existing', as: committee, query: { villageId: 'v-xinshan', activityId: 'va-xs-clean' }, expect: ['新山村志愿服务队发布 · 已有1人报名，招募人数不能少于1人', '保存修改'], tap: { text: '保存修改', action: 'volunteer.save' } },
    { page: 'features/volunteer/pages/activity/index', name: 'activity-organiser', as: committee, query: { villageId: 'v-xinshan', activityId: 'va-xs-clean' }, expect: ['村道清洁日', '编辑', '报名名单（1人）'], tap: { text: '签到二维码海报', url: /^\/features\/volunteer\/pages\/poster\/index\?villageId=v-xinshan&activityId=va-xs-clean$/ } },
    { page: 'features/volunteer/pages/poster/index', as: committee, query: { villageId: 'v-xinshan', activityId: 'va-xs-clean' }, expect: ['新山村', '村道清洁日', '微信扫一扫 志愿签到', '地点：新山村村委会门口集合', '组织：新山村志愿服务队'], tap: { text: '保存到相册', wx: 'saveImageToPhotosAlbum' } },
    { page: 'features/volunteer/pages/hours/index', as: committee, query: { villageId: 'v-xinshan' }, expect: ['全村志愿时长：', '志愿之星', '1. 林水生'], tap: { text: '推荐上善行义举榜', url: /^\/features\/boards\/pages\/nominations\/index\?villageId=v-xinshan&name=%E6%9E%97%E6%B0%B4%E7%94%9F$/ } },
    // 村务公开 (cloud/src/features/affairs/seed.ts): 林水生 has read three of 新山村's current notices, not the party one
    {
      page: 'features/affairs/pages/notices/index',
      as: resident,
      query: { villageId: 'v-xinshan' },
      expect: ['1 条公告未读', '12月主题党日活动安排', '未读', '台风“山神”防御提示', '已过期', '3 人已读'],
      tap: { text: '12月主题党日活动安排', url: /^\/features\/affairs\/pages\/notice\/index\?villageId=v-xinshan&noticeId=v-xinshan%3An-party$/ },
    },
    {
      page: 'features/affairs/pages/notice/index',
      as: committee,
      query: { villageId: 'v-xinshan', noticeId: 'v-xinshan:n-medical' },
      expect: ['2027年度城乡居民医保开始缴费', '低保、特困人员由政府资助参保', '林志强 发布于', '已读 2 / ', '分享到村民群'],
      tap: { text: '修改公告', url: /^\/features\/affairs\/pages\/publish\/index\?villageId=v-xinshan&noticeId=v-xinshan%3An-medical$/ },
    },
    {
      page: 'features/affairs/pages/publish/index',
      as: committee,
      query: { villageId: 'v-xinshan', noticeId: 'v-xinshan:n-water' },
      expect: [`${beijingDay(-2, seededAt)} ▾`, `${beijingDay(5, seededAt)} ▾`, '改为长期公示', '保存修改'],
      tap: { text: '保存修改', action: 'affairs.publishNotice' },
    },
    {
      page: 'features/affairs/pages/duties/index',
      as: 'demo-liguilan',
      query: { villageId: 'v-xinshan' },
      expect: ['职责事项（10项）', '协助事项（5项）', '禁入事项（5项）', '宅基地申请初审', '无证明', '开具“亲属关系证明”'],
      tap: { text: '宅基地申请初审', url: /^\/features\/affairs\/pages\/duty\/index\?villageId=v-xinshan&dutyId=v-xinshan%3Ad-duty-3$/ },
    },
    {
      page: 'features/affairs/pages/duty/index',
      as: 'demo-liguilan',
      query: { villageId: 'v-xinshan', dutyId: 'v-xinshan:d-duty-4' },
      expect: ['低保、特困供养申请受理', '无证明 · 不用开证明', '无需开具“家庭困难证明”', '新山村党群服务中心一楼办事窗口'],
      tap: { text: '拨打 0660-6801000', wx: 'makePhoneCall' },
    },
    {
      page: 'features/affairs/pages/duty/index',
      name: 'duty-committee',
      as: committee,
      query: { villageId: 'v-xinshan', dutyId: 'v-xinshan:d-duty-4' },
      expect: ['低保、特困供养申请受理', '对这项有疑问？写信问问'],
      tap: { text: '编辑', url: /^\/features\/affairs\/pages\/duty-edit\/index\?villageId=v-xinshan&dutyId=v-xinshan%3Ad-duty-4$/ },
    },
    {
      page: 'features/affairs/pages/duty-edit/index',
      as: committee,
      query: { villageId: 'v-xinshan', dutyId: 'v-xinshan:d-duty-4' },
      expect: ['编辑 · 低保、特困供养申请受理', '为什么不需要证明', '无证明（不用开证明）'],
      tap: { text: '保存修改', action: 'affairs.saveDuty' },
    },
    {
      page: 'features/affairs/pages/finance/index',
      as: committee,
      query: { villageId: 'v-xinshan' },
      expect: ['2026年第三季度', '收入合计 126,000.00 元 · 支出合计 91,000.00 元', '发包收入  收入 84,000.00', '2026-08-28 村道维修：东一巷排水沟加盖', '-27,400.00', '导入财务收支（村委会）'],
      tap: { text: '导入并公开', action: 'affairs.importFinance' },
    },
    // workspaces (cloud/src/features/workspace/seed.ts): 黄伟明 has visited households of 第一、二网格; 蔡国华 sees 联安镇; 张秀英 her hall's day
    { page: 'pages/services/index', name: 'services-grid-worker', as: gridWorker, expect: ['网格员工作', '我的网格', '住户、未承诺、未投票'], tap: { text: '我的网格', url: /^\/features\/workspace\/pages\/grid\/index\?villageId=v-xinshan$/ } },
    { page: 'pages/services/index', name: 'services-hall-day', as: hallStaff, expect: ['今日服务 · 新山村党群服务中心', '待签到', '候补'], tap: { text: '今日名单', url: /^\/features\/booking\/pages\/day\/index\?villageId=v-xinshan&hallId=v-xinshan%3Ahall$/ } },
    {
      page: 'features/workspace/pages/grid/index',
      as: gridWorker,
      query: { villageId: 'v-xinshan' },
      expect: ['第一网格（村东）', '未承诺第1版：林俊', '未投票「村集体鱼塘承包方案（2027—2031年）」：林水生', '上次走访', '我的走访记录', '回访吴阿姨'],
      // a household of the list (a page of 20, 加载更多 for the next) opens 记录走访 for it
      tap: { text: '新山村东一巷12号 · 林水生', url: /^\/features\/workspace\/pages\/visit\/index\?villageId=v-xinshan&householdId=v-xinshan%3A/ },
    },
    {
      page: 'features/workspace/pages/visit/index',
      as: gridWorker,
      query: { villageId: 'v-xinshan', householdId: 'v-xinshan:新山村东一巷12号' },
      expect: ['新山村东一巷12号 · 林水生', '未承诺村规民约：林俊', '新山村东一巷12号的走访记录', '林水生家三口在家'],
      tap: { text: '添加照片', wx: 'chooseImage' },
    },
    {
      page: 'features/workspace/pages/town/index',
      as: 'demo-caiguohua',
      query: { villageId: 'v-xinshan' },
      expect: ['联安镇 · 2个村（社区）', '东尾村', '第1版 · 已承诺', '东一巷至新村路村道硬底化', '来信逾期'],
      tap: { text: '全镇随手拍 · 逾期督办', url: /^\/features\/reports\/pages\/figures\/index\?villageId=v-xinshan$/ },
    },
  ]
}

/** the cases for naming the tests; each test takes its own from casesAt when its backend is seeded */
export const cases: PageCase[] = casesAt(Date.now())
