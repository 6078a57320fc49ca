/**
 * Demo village rules: 新山村's 村规民约 (第1版, agreed by about 60% of its residents, two party members'
 * public commitments), 河南社区's 居民公约, and 乌坎村's 村规民约 with a draft 第2版 that its committee
 * can finish. 新山村 has no draft: the demo (and the e2e test) has its committee write 第2版.
 * Called by seedDemo after villages, households and memberships exist.
 */
import type { Village } from '../account/documents'
import { rebuildResidentCounts } from '../account/residents'
import type { RuleAdoption, RuleAgreement, RuleChapter, RuleVersion } from './documents'
import type { Store } from '../../ports/store'
import { shanghaiDayPlus } from '../../common/time'

const DAY = 24 * 3600 * 1000
const HOUR = 3600 * 1000
const personId = (key: string) => `p_${key}`

type ChapterSeed = [title: string, clauses: Array<[id: string, text: string]>]
const chapters = (seed: ChapterSeed[]): RuleChapter[] => seed.map(([title, clauses]) => ({ title, clauses: clauses.map(([id, text]) => ({ id, text })) }))

export const XINSHAN_V1: ChapterSeed[] = [
  [
    '总则',
    [
      ['xs01', '为推进村民自治，建设文明和谐、美丽宜居的新山村，依照有关法律法规，经村民代表会议讨论通过，制定本村规民约。'],
      ['xs02', '本村规民约适用于本村全体村民和在本村居住、经营的人员，人人知晓，户户承诺。'],
      ['xs03', '村民委员会负责本村规民约的宣传和实施，村务监督委员会监督执行。'],
      ['xs04', '遵守法律法规，爱党爱国爱家乡，积极参加村里的公益事业和集体活动。'],
    ],
  ],
  [
    '环境卫生',
    [
      ['xs05', '生活垃圾分类投放：可回收物、有害垃圾、厨余垃圾、其他垃圾分开放，不乱丢乱倒。'],
      ['xs06', '落实“门前三包”：包卫生整洁、包秩序良好、包绿化美化，各户管好自家门前屋后。'],
      ['xs07', '不往河道、水塘、沟渠倾倒垃圾和污水，不露天焚烧秸秆和垃圾。'],
      ['xs08', '畜禽圈养不散放；建房材料堆放整齐，完工后及时清理。'],
    ],
  ],
  [
    '红色资源保护',
    [
      ['xs09', '爱护本村革命遗址、红色旧址和纪念设施，不刻画、不涂污、不占用。'],
      ['xs10', '发现红色文物和革命史料，及时报告村委会，不私自收藏买卖，不损毁。'],
      ['xs11', '在遗址保护范围内不乱搭乱建、不挖沙取土。'],
      ['xs12', '积极参加红色故事宣讲和志愿讲解，传承海陆丰红色基因。'],
    ],
  ],
  [
    '移风易俗',
    [
      ['xs13', '婚事新办：倡导简约婚礼，不铺张浪费，不搞低俗婚闹。'],
      ['xs14', '反对高价彩礼，彩礼不超过村里倡导的标准，不借婚姻索取财物。'],
      ['xs15', '丧事简办：提倡文明祭祀，不大操大办，不搞封建迷信活动。'],
      ['xs16', '除婚丧外，升学、参军、乔迁、生日等不摆酒席，不攀比送礼。'],
    ],
  ],
  [
    '平安建设',
    [
      ['xs17', '防溺水：不私自下河、下塘游泳，家长看管好孩子，遇到险情及时呼救报警。'],
      ['xs18', '防火：不乱拉电线，电动车不在楼道和室内充电，山林里严禁野外用火。'],
      ['xs19', '禁毒：珍爱生命，远离毒品，发现涉毒线索及时举报。'],
      ['xs20', '反诈：不信陌生来电和链接，不出租出借银行卡、手机卡，转账前先核实。'],
    ],
  ],
  [
    '邻里和睦与纠纷调解',
    [
      ['xs21', '邻里之间互谅互让、互帮互助，不为小事争吵打架。'],
      ['xs22', '有了纠纷先找网格员和村人民调解委员会调解，不聚众闹事。'],
      ['xs23', '宅基地、山林、水利等纠纷依法依规解决，不私自强占。'],
      ['xs24', '遵规守约表现突出的户列入善行义举榜；违反本约的，由村委会批评教育，情节严重的列入黑榜并依法处理。'],
    ],
  ],
]

const HENAN_V1: ChapterSeed[] = [
  [
    '总则',
    [
      ['hn01', '为建设文明和谐、安全整洁的河南社区，经居民代表会议讨论通过，制定本公约。'],
      ['hn02', '本公约适用于本社区全体居民和租住人员，人人遵守，户户承诺。'],
    ],
  ],
  [
    '文明居住',
    [
      ['hn03', '垃圾分类，定时定点投放，不乱扔垃圾。'],
      ['hn04', '文明养犬，出门拴绳，及时清理犬只粪便。'],
      ['hn05', '严禁高空抛物，阳台外沿不堆放物品。'],
      ['hn06', '爱护公共设施和绿地，楼道里不堆放杂物。'],
    ],
  ],
  [
    '安全防范',
    [
      ['hn07', '电动自行车不进楼入户，不私拉电线充电。'],
      ['hn08', '保持消防通道畅通，不占用、不堵塞。'],
      ['hn09', '警惕电信网络诈骗，发现可疑情况及时告诉网格员。'],
    ],
  ],
  [
    '邻里互助',
    [
      ['hn10', '尊老爱幼，邻里守望相助，多关心独居老人。'],
      ['hn11', '装修和娱乐活动避开休息时间，不制造噪音扰民。'],
      ['hn12', '发生矛盾纠纷，先找网格员和社区调委会调解。'],
    ],
  ],
]

const WUKAN_V1: ChapterSeed[] = [
  [
    '总则',
    [
      ['wk01', '为推进乌坎村自治、法治、德治建设，经村民会议讨论通过，制定本村规民约。'],
      ['wk02', '本村规民约适用于本村全体村民，人人遵守，户户承诺。'],
    ],
  ],
  [
    '渔港与海洋保护',
    [
      ['wk03', '遵守休渔期规定，休渔期内不出海捕捞。'],
      ['wk04', '严禁电鱼、炸鱼、毒鱼，不使用违规网具。'],
      ['wk05', '渔船垃圾带回岸上分类处理，不往海里倾倒。'],
      ['wk06', '出海作业穿好救生衣，恶劣天气听从港口调度，及时回港避风。'],
    ],
  ],
  [
    '移风易俗',
    [
      ['wk07', '婚事新办、丧事简办，不大操大办，不攀比彩礼。'],
      ['wk08', '倡导文明祭祀，不搞封建迷信。'],
      ['wk09', '孝敬老人，关爱留守儿童。'],
    ],
  ],
  [
    '平安和睦',
    [
      ['wk10', '邻里和睦，有事好商量，纠纷先找村调委会调解。'],
      ['wk11', '远离毒品，发现涉毒线索及时举报。'],
      ['wk12', '防范电信诈骗，不出租出借银行卡。'],
    ],
  ],
]

/** 乌坎村's draft 第2版: the closed season spelled out, and the mangroves protected. */
function wukanDraft(): ChapterSeed[] {
  return WUKAN_V1.map(([title, clauses]): ChapterSeed => {
    if (title !== '渔港与海洋保护') return [title, clauses]
    const next = clauses.map(([id, text]): [string, string] => (id === 'wk03' ? [id, '遵守南海伏季休渔规定（每年5月1日至8月16日），休渔期内不出海捕捞。'] : [id, text]))
    return [title, [...next, ['wk13', '保护红树林和海岸滩涂，不乱挖乱采，不围填海。']]]
  })
}

const adoption = (a: RuleAdoption): RuleAdoption => a

/** a published instant at a fixed date, or a month ago when the clock says that date has not come */
const fixed = (iso: string, now: number, fallbackDays: number) => Math.min(Date.parse(iso), now - fallbackDays * DAY)

export async function seedRules(store: Store, now: number): Promise<void> {
  const published = (
    villageId: string,
    title: string,
    seed: ChapterSeed[],
    effectiveDate: string,
    a: RuleAdoption,
    by: string,
    byName: string,
    at: number,
  ): RuleVersion => ({
    _id: `${villageId}:v1`,
    villageId,
    number: 1,
    title,
    status: 'published',
    chapters: chapters(seed),
    effectiveDate,
    adoption: a,
    basedOn: null,
    createdBy: personId(by),
    createdByName: byName,
    createdAt: at - 2 * DAY,
    updatedAt: at - DAY,
    publishedBy: personId(by),
    publishedByName: byName,
    publishedAt: at,
  })

  const xinshanAt = fixed('2024-02-26T02:00:00Z', now, 60)
  const henanAt = fixed('2023-12-20T02:00:00Z', now, 90)
  const wukanAt = fixed('2023-06-25T02:00:00Z', now, 120)
  const versions: RuleVersion[] = [
    published(
      'v-xinshan',
      '新山村村规民约',
      XINSHAN_V1,
      '2024-03-01',
      adoption({ meeting: '村民代表会议', date: '2024-02-20', totalEligible: 45, attendance: 41, votesFor: 39, votesAgainst: 0, abstain: 2 }),
      'linzhiqiang',
      '林志强',
      xinshanAt,
    ),
    published(
      'v-henan',
      '河南社区居民公约',
      HENAN_V1,
      '2024-01-01',
      adoption({ meeting: '居民代表会议', date: '2023-12-15', totalEligible: 52, attendance: 47, votesFor: 45, votesAgainst: 1, abstain: 1 }),
      'zhoumin',
      '周敏',
      henanAt,
    ),
    published(
      'v-wukan',
      '乌坎村村规民约',
      WUKAN_V1,
      '2023-07-01',
      adoption({ meeting: '村民会议', date: '2023-06-18', totalEligible: 1860, attendance: 1124, votesFor: 1058, votesAgainst: 21, abstain: 45 }),
      'yangjinhe',
      '杨锦和',
      wukanAt,
    ),
    {
      _id: 'v-wukan:v2',
      villageId: 'v-wukan',
      number: 2,
      title: '乌坎村村规民约',
      status: 'draft',
      chapters: chapters(wukanDraft()),
      effectiveDate: shanghaiDayPlus(now, 30),
      adoption: { meeting: '村民代表会议', date: shanghaiDayPlus(now, -3), totalEligible: 48, attendance: 44, votesFor: 42, votesAgainst: 1, abstain: 1 },
      basedOn: 1,
      createdBy: personId('yangjinhe'),
      createdByName: '杨锦和',
      createdAt: now - 5 * DAY,
      updatedAt: now - 2 * DAY,
      publishedBy: null,
      publishedByName: null,
      publishedAt: null,
    },
  ]
  for (const v of versions) await store.insert('ruleVersions', v)
  for (const v of ['v-xinshan', 'v-henan', 'v-wukan']) await store.update('villages', { _id: v }, { set: { currentRulesVersion: 1 } satisfies Partial<Village> })

  // [village, person, party commitment]: 7 of 新山村's 11 residents (6 of its 8 households); 林俊's and 陈建国's households are the visits to make
  const agreed: Array<[string, string, boolean]> = [
    ['v-xinshan', 'linzhiqiang', true],
    ['v-xinshan', 'chenmeiling', false],
    ['v-xinshan', 'linshuisheng', false],
    ['v-xinshan', 'liguilan', false],
    ['v-xinshan', 'huangweiming', false],
    ['v-xinshan', 'wulihua', false],
    ['v-xinshan', 'zhengzhiyuan', true],
    ['v-henan', 'zhoumin', true],
    ['v-wukan', 'yangjinhe', true],
    ['v-wukan', 'sunli', false],
  ]
  const publishedAt = new Map(versions.map((v) => [v.villageId, v.publishedAt ?? now]))
  for (const [i, [villageId, key, party]] of agreed.entries()) {
    const m = (await store.get('memberships', `${villageId}:${personId(key)}`))!
    const household = m.householdId ? await store.get('households', m.householdId) : null
    const at = Math.max(publishedAt.get(villageId)! + (i + 1) * HOUR, now - (50 - 4 * i) * DAY)
    const agreement: RuleAgreement = {
      _id: `${villageId}:v1:${m.personId}`,
      villageId,
      versionId: `${villageId}:v1`,
      number: 1,
      personId: m.personId,
      name: m.name,
      householdId: m.householdId,
      gridId: household?.gridId ?? null,
      at,
      partyCommitment: party,
      partyCommitmentAt: party ? at + 10 * 60 * 1000 : null,
    }
    await store.insert('ruleAgreements', agreement)
  }
  // the progress counters, from the residents and agreements just written
  for (const v of await store.find('villages', {}, { limit: 1000 })) await rebuildResidentCounts(store, v._id)
}
