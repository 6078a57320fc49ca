import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { Me, RollView } from '@contract'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import RollPage from '../../src/features/deliberation/pages/roll'
import { meWithTwoVillages, xinshanCommittee } from './fixtures'
import { DAY, detail, NOW } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const TOPIC = 'v-xinshan:t1'
const resident: Me = { ...meWithTwoVillages, memberships: [{ ...xinshanCommittee, personId: 'p8', name: '陈秀英', roles: ['resident'], partyMember: false }] }

const entries: RollView['entries'] = [
  { key: 'p7', name: '林水生', doorplate: '新山村东一巷12号', gridName: '第一网格（村东）' },
  { key: 'p8', name: '陈秀英', doorplate: '新山村东一巷14号', gridName: '第一网格（村东）' },
  { key: 'p11', name: '吴阿伯', doorplate: null, gridName: '未分网格' },
  { key: 'p9', name: '黄大海', doorplate: '新山村西三巷5号', gridName: '第二网格（村西）' },
  { key: 'p10', name: '黄阿婆', doorplate: '新山村西三巷7号', gridName: '第二网格（村西）' },
]
/** what a resident gets for an open topic: names only */
const published = (over: Partial<RollView> = {}): RollView => ({ frozen: true, mode: 'person', entries, changes: null, addable: null, ...over })
/** what the committee gets for a draft */
const draft = (over: Partial<RollView> = {}): RollView => ({
  frozen: false,
  mode: 'person',
  entries,
  changes: [],
  addable: [{ key: 'p20', name: '陈建新', doorplate: '新山村西二巷3号' }],
  ...over,
})
const draftTopic = () => detail({ status: 'draft', publishedAt: null, opensAt: NOW + DAY })

/** the grid section a name is listed under */
const gridOf = (name: string) => screen.getAllByText(name).map((n) => n.closest('.dlb-roll-grid')).find(Boolean) as HTMLElement
const rowOf = (name: string) => screen.getAllByText(name).map((n) => n.closest('.dlb-roll-grid .dlb-roll-person')).find(Boolean) as HTMLElement
const search = (value: string) => fireEvent.change(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value } })
const reasonBox = () => screen.getByPlaceholderText('写明理由，2至200个字，会留下记录')

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  router.params = { topicId: encodeURIComponent(TOPIC) }
  useAccount.setState({ me: resident, currentVillageId: 'v-xinshan', error: null })
  mocked.getTopic.mockResolvedValue(detail())
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

describe('选民名册: residents', () => {
  test('the published roll: its count, names and doorplates by grid (those without a grid last), and nothing to change', async () => {
    mocked.getTopicRoll.mockResolvedValue(published())
    render(<RollPage />)
    expect(await screen.findByText('本议题选民名册共 5 人')).toBeTruthy()
    expect(mocked.getTopicRoll).toHaveBeenCalledWith('v-xinshan', TOPIC)
    expect(screen.getByText('村东道路硬化方案')).toBeTruthy()

    const east = gridOf('林水生')
    expect(within(east).getByText('第一网格（村东）')).toBeTruthy()
    expect(within(east).getByText('陈秀英')).toBeTruthy()
    expect(within(east).getByText('新山村东一巷12号')).toBeTruthy()
    expect(within(east).getByText('2 人')).toBeTruthy()
    const west = gridOf('黄大海')
    expect(within(west).getByText('第二网格（村西）')).toBeTruthy()
    expect(within(west).getByText('黄阿婆')).toBeTruthy()
    expect(within(west).queryByText('林水生')).toBeNull()
    const headings = Array.from(document.querySelectorAll('.dlb-roll-grid__name'), (n) => n.textContent)
    expect(headings).toEqual(['第一网格（村东）', '第二网格（村西）', '未分网格'])

    expect(screen.queryByText('移出')).toBeNull()
    expect(screen.queryByText('可加入的人员')).toBeNull()
    expect(screen.queryByText('名册调整记录')).toBeNull()
  })

  test('the search narrows the roll by name or doorplate', async () => {
    mocked.getTopicRoll.mockResolvedValue(published())
    render(<RollPage />)
    await screen.findByText('林水生')

    search('西三巷')
    expect(screen.queryByText('林水生')).toBeNull()
    expect(screen.queryByText('第一网格（村东）')).toBeNull()
    expect(screen.getByText('黄大海')).toBeTruthy()
    expect(screen.getByText('黄阿婆')).toBeTruthy()

    search('黄大')
    expect(screen.getByText('黄大海')).toBeTruthy()
    expect(screen.queryByText('黄阿婆')).toBeNull()

    search('王五')
    expect(screen.getByText('名册上没有找到“王五”')).toBeTruthy()

    search('')
    expect(screen.getByText('林水生')).toBeTruthy()
    expect(screen.getByText('吴阿伯')).toBeTruthy()
  })

  test('a household topic counts households (户代表投票)', async () => {
    mocked.getTopicRoll.mockResolvedValue(published({ mode: 'household', entries: entries.slice(0, 2) }))
    render(<RollPage />)
    expect(await screen.findByText('本议题选民名册共 2 户（户代表投票）')).toBeTruthy()
    expect(within(gridOf('林水生')).getByText('2 户')).toBeTruthy()
  })

  test('a failed load says why and retries', async () => {
    mocked.getTopicRoll.mockRejectedValueOnce(new CallError({ code: 'NOT_FOUND', message: '找不到该议题' })).mockResolvedValue(published())
    render(<RollPage />)
    expect(await screen.findByText('找不到该议题')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('本议题选民名册共 5 人')).toBeTruthy()
  })

  test('without a topic it says so and loads nothing', () => {
    router.params = {}
    render(<RollPage />)
    expect(screen.getByText('没有指定议题，请从议题页进入')).toBeTruthy()
    expect(mocked.getTopicRoll).not.toHaveBeenCalled()
  })
})

describe('选民名册: the committee on a draft', () => {
  beforeEach(() => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
    mocked.getTopic.mockResolvedValue(draftTopic())
  })

  test('removing someone asks for a reason: an empty or too short one is refused beside the box and nothing is sent', async () => {
    mocked.getTopicRoll.mockResolvedValue(draft())
    render(<RollPage />)
    expect(await screen.findByText('草稿：发布时以此名单为准')).toBeTruthy()
    expect(screen.getByText('目前共 5 人')).toBeTruthy()

    fireEvent.click(within(rowOf('林水生')).getByText('移出'))
    expect(screen.getByText('移出林水生（新山村东一巷12号）')).toBeTruthy()
    fireEvent.click(screen.getByText('确认移出'))
    expect(screen.getByText('请填写移出的理由')).toBeTruthy()
    fireEvent.change(reasonBox(), { target: { value: '迁' } })
    expect(screen.queryByText('请填写移出的理由')).toBeNull()
    fireEvent.click(screen.getByText('确认移出'))
    expect(screen.getByText('理由至少2个字')).toBeTruthy()
    expect(mocked.amendTopicRoll).not.toHaveBeenCalled()
    expect(screen.getByText('林水生')).toBeTruthy()
  })

  test('removing with a reason sends key, change and reason, then reads the roll again and shows it with the change recorded', async () => {
    const removed = { key: 'p7', name: '林水生', doorplate: '新山村东一巷12号', change: 'remove', reason: '已迁出本村，户口迁往海丰县城', byName: '林志强', at: NOW } as const
    mocked.getTopicRoll.mockResolvedValueOnce(draft()).mockResolvedValue(
      draft({
        entries: entries.filter((e) => e.key !== 'p7'),
        addable: [
          { key: 'p7', name: '林水生', doorplate: '新山村东一巷12号' },
          { key: 'p20', name: '陈建新', doorplate: '新山村西二巷3号' },
        ],
        changes: [removed],
      }),
    )
    // the answer is the amendments alone
    mocked.amendTopicRoll.mockResolvedValue({ changes: [removed] })
    render(<RollPage />)
    expect(await screen.findByText('还没有调整，名册与本村登记一致')).toBeTruthy()

    fireEvent.click(within(rowOf('林水生')).getByText('移出'))
    fireEvent.change(reasonBox(), { target: { value: '  已迁出本村，户口迁往海丰县城 ' } })
    fireEvent.click(screen.getByText('确认移出'))

    await waitFor(() =>
      expect(mocked.amendTopicRoll).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, key: 'p7', change: 'remove', reason: '已迁出本村，户口迁往海丰县城' }),
    )
    expect(await screen.findByText('目前共 4 人')).toBeTruthy()
    expect(taro.showToast).toHaveBeenCalledWith({ title: '已移出林水生', icon: 'success' })
    expect(screen.queryByText('确认移出')).toBeNull()

    const addable = screen.getByText('可加入的人员').closest('.vh-card') as HTMLElement
    expect(within(addable).getByText('林水生')).toBeTruthy()
    const record = screen.getByText('名册调整记录').closest('.vh-card') as HTMLElement
    expect(within(record).getByText('移出')).toBeTruthy()
    expect(within(record).getByText('林水生')).toBeTruthy()
    expect(within(record).getByText('理由：已迁出本村，户口迁往海丰县城')).toBeTruthy()
    expect(within(record).getByText(/^林志强 · /)).toBeTruthy()
  })

  test('adding someone from 可加入的人员 with a quick reason', async () => {
    const added = { key: 'p20', name: '陈建新', doorplate: '新山村西二巷3号', change: 'add', reason: '常住本村，应参加表决', byName: '林志强', at: NOW } as const
    mocked.getTopicRoll.mockResolvedValueOnce(draft()).mockResolvedValue(
      draft({
        entries: [...entries, { key: 'p20', name: '陈建新', doorplate: '新山村西二巷3号', gridName: '第二网格（村西）' }],
        addable: [],
        changes: [added],
      }),
    )
    mocked.amendTopicRoll.mockResolvedValue({ changes: [added] })
    render(<RollPage />)
    const addable = (await screen.findByText('可加入的人员')).closest('.vh-card') as HTMLElement
    fireEvent.click(within(addable).getByText('加入'))
    fireEvent.click(screen.getByText('常住本村，应参加表决'))
    fireEvent.click(screen.getByText('确认加入'))
    await waitFor(() => expect(mocked.amendTopicRoll).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, key: 'p20', change: 'add', reason: '常住本村，应参加表决' }))
    expect(await screen.findByText('没有可加入的人员，登记在册的都已在名册上')).toBeTruthy()
    expect(within(gridOf('陈建新')).getByText('第二网格（村西）')).toBeTruthy()
    expect(screen.getByText('理由：常住本村，应参加表决')).toBeTruthy()
  })

  test("the server's reason for the reason is shown beside the box once; a refusal after the opening is shown and the roll reloaded", async () => {
    mocked.getTopicRoll.mockResolvedValueOnce(draft()).mockResolvedValue(published({ changes: [] }))
    mocked.amendTopicRoll
      .mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '理由至少2个字', fields: { reason: '理由至少2个字' } }))
      .mockRejectedValueOnce(new CallError({ code: 'CONFLICT', message: '议题已发布，选民名册已固定，不能再修改' }))
    render(<RollPage />)
    await screen.findByText('黄大海')
    fireEvent.click(within(rowOf('黄大海')).getByText('移出'))
    fireEvent.change(reasonBox(), { target: { value: '重复登记' } })
    fireEvent.click(screen.getByText('确认移出'))
    expect(await screen.findAllByText('理由至少2个字')).toHaveLength(1)

    fireEvent.click(screen.getByText('确认移出'))
    expect(await screen.findByText('议题已发布，选民名册已固定，不能再修改')).toBeTruthy()
    await waitFor(() => expect(mocked.getTopicRoll).toHaveBeenCalledTimes(2))
    expect(await screen.findByText('本议题选民名册共 5 人')).toBeTruthy()
    expect(screen.queryByText('确认移出')).toBeNull()
    expect(screen.getByText('议题已发布，选民名册已固定，不能再修改')).toBeTruthy()
  })

  test('on an open topic the committee sees the record of the changes made before the opening, and can change nothing', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.getTopicRoll.mockResolvedValue(
      published({ changes: [{ key: 'p30', name: '周大伯', change: 'remove', reason: '已去世', byName: '陈美玲', at: NOW - 3 * DAY }] }),
    )
    render(<RollPage />)
    const record = (await screen.findByText('名册调整记录')).closest('.vh-card') as HTMLElement
    expect(within(record).getByText('周大伯')).toBeTruthy()
    expect(within(record).getByText('理由：已去世')).toBeTruthy()
    expect(within(record).getByText(/^陈美玲 · /)).toBeTruthy()
    expect(screen.getByText('本议题选民名册共 5 人')).toBeTruthy()
    expect(screen.queryByRole('button', { name: '移出' })).toBeNull()
    expect(screen.queryByText('可加入的人员')).toBeNull()
  })
})
