/**
 * 志愿服务's pages: posting and editing an activity (the form's checks beside their fields, clearing as each is
 * fixed; a refused save keeps what was typed); the organiser confirming hours, adjusted per person within bounds.
 */
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { ActivityDetail, ActivityList } from '@contract'
import * as api from '../../src/features/volunteer/api'
import { useAccount } from '../../src/features/account/store'
import EditPage from '../../src/features/volunteer/pages/edit'
import ActivityPage from '../../src/features/volunteer/pages/activity'
import { CallError } from '../../src/shared/api/call'
import { router } from './mocks/taro'
import { committee, meAs, resident, V } from './mocks/reports-fixtures'

jest.mock('../../src/features/volunteer/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

/** Thursday 3 December 2026, 20:00 in Beijing */
const NOW = Date.UTC(2026, 11, 3, 12, 0)
const HOUR = 3_600_000
/** Friday 4 December, 09:00 in Beijing */
const FRIDAY_9 = Date.UTC(2026, 11, 4, 1, 0)

const list = (canPostFor: ActivityList['canPostFor']): ActivityList => ({ upcoming: [], past: [], canPostFor })
export const activity = (over: Partial<ActivityDetail> = {}): ActivityDetail => ({
  id: 'va-1',
  title: '村道清洁日',
  place: '村委会门口',
  orgName: '村委会',
  startsAt: FRIDAY_9,
  endsAt: FRIDAY_9 + 3 * HOUR,
  capacity: 20,
  signedUp: 2,
  waitlist: 0,
  phase: 'upcoming',
  myStatus: null,
  orgId: null,
  bring: '手套',
  description: '',
  createdByName: '林志强',
  confirmedAt: null,
  confirmedByName: null,
  durationMinutes: 180,
  maxMinutes: 240,
  mine: null,
  can: { signUp: false, signUpWhy: null, cancel: false, checkIn: false, checkInWhy: null, manage: true, confirm: false },
  roster: [],
  ...over,
})

beforeEach(() => {
  jest.clearAllMocks()
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] })
  router.params = { villageId: V }
  useAccount.setState({ me: meAs(committee), currentVillageId: V, error: null })
})
afterEach(() => jest.useRealTimers())

const field = (placeholder: string) => screen.getByPlaceholderText(placeholder)
const box = (placeholder: string) => field(placeholder).closest('.vh-field') as HTMLElement
const type = (placeholder: string, value: string) => fireEvent.change(field(placeholder), { target: { value } })
const pickTime = (which: 0 | 1, value: string) => fireEvent.change(screen.getAllByLabelText('picker-time')[which], { target: { value } })
const timeBox = () => screen.getByText('时间').closest('.vh-field') as HTMLElement

describe('发布志愿活动', () => {
  test('nothing is sent while a field is wrong; each error sits beside its field and goes as soon as that field is fixed', async () => {
    mocked.listActivities.mockResolvedValue(list([{ orgId: null, name: '村委会' }, { orgId: 'vo-team', name: '新山村志愿服务队' }]))
    mocked.saveActivity.mockResolvedValue(activity({ id: 'va-new' }))
    render(<EditPage />)
    // tomorrow 09:00–11:00 to start with
    expect(await screen.findByText('2026年12月4日 星期五')).toBeTruthy()
    fireEvent.click(screen.getByText('发布活动'))
    expect(await screen.findByText('请按提示修改后再保存')).toBeTruthy()
    expect(within(box('如：村道清洁日')).getByText('请填写活动名称')).toBeTruthy()
    expect(within(box('在哪里集合')).getByText('请填写地点')).toBeTruthy()
    expect(within(box('如：20')).getByText('请填写招募人数')).toBeTruthy()

    type('如：村道清洁日', '河道清理')
    expect(within(box('如：村道清洁日')).queryByText('请填写活动名称')).toBeNull()
    expect(within(box('在哪里集合')).getByText('请填写地点')).toBeTruthy()
    type('如：20', '十个')
    expect(within(box('如：20')).getByText('招募人数应为整数')).toBeTruthy()
    type('如：20', '0')
    expect(within(box('如：20')).getByText('招募人数至少1人')).toBeTruthy()
    type('如：20', '10')
    expect(box('如：20').querySelector('.vh-field-error')).toBeNull()
    pickTime(1, '08:30')
    expect(within(timeBox()).getByText('结束时间应晚于开始时间')).toBeTruthy()
    pickTime(1, '11:30')
    expect(within(timeBox()).queryByText('结束时间应晚于开始时间')).toBeNull()
    type('在哪里集合', '新山村小河边')
    fireEvent.click(screen.getByText('新山村志愿服务队'))
    expect(mocked.saveActivity).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('发布活动'))
    await waitFor(() =>
      expect(mocked.saveActivity).toHaveBeenCalledWith({ villageId: V, orgId: 'vo-team', title: '河道清理', place: '新山村小河边', startsAt: FRIDAY_9, endsAt: FRIDAY_9 + 2.5 * HOUR, capacity: 10, bring: '', description: '' }),
    )
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: `/features/volunteer/pages/activity/index?villageId=${V}&activityId=va-new` }))
  })

  test('a refused save shows the server’s reason beside its field and keeps what was typed; editing the field clears it', async () => {
    router.params = { villageId: V, activityId: 'va-1' }
    mocked.getActivity.mockResolvedValue(activity())
    mocked.saveActivity.mockRejectedValueOnce(new CallError({ code: 'CONFLICT', message: '已有2人报名，招募人数不能少于2', fields: { capacity: '已有2人报名，不能少于2人' } }))
    render(<EditPage />)
    expect(await screen.findByDisplayValue('村道清洁日')).toBeTruthy()
    expect(taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '编辑志愿活动' })
    expect(screen.getByText('09:00 开始')).toBeTruthy()
    expect(screen.getByText('12:00 结束')).toBeTruthy()
    type('如：20', '1')
    fireEvent.click(screen.getByText('保存修改'))
    expect(await within(box('如：20')).findByText('已有2人报名，不能少于2人')).toBeTruthy()
    expect(screen.getByText('已有2人报名，招募人数不能少于2')).toBeTruthy()
    expect(mocked.saveActivity).toHaveBeenCalledWith(expect.objectContaining({ activityId: 'va-1', capacity: 1, startsAt: FRIDAY_9, endsAt: FRIDAY_9 + 3 * HOUR }))
    expect((field('如：20') as HTMLInputElement).value).toBe('1')
    expect(taro.redirectTo).not.toHaveBeenCalled()
    type('如：20', '25')
    expect(within(box('如：20')).queryByText('已有2人报名，不能少于2人')).toBeNull()
  })

  test('someone who may not post is told so, and an activity under way cannot be edited', async () => {
    useAccount.setState({ me: meAs(resident), currentVillageId: V, error: null })
    mocked.listActivities.mockResolvedValue(list([]))
    const { unmount } = render(<EditPage />)
    expect(await screen.findByText('只有村委会和志愿组织的组织者可以发布活动')).toBeTruthy()
    expect(screen.queryByText('发布活动')).toBeNull()
    unmount()
    router.params = { villageId: V, activityId: 'va-1' }
    mocked.getActivity.mockResolvedValue(activity({ phase: 'underway' }))
    render(<EditPage />)
    expect(await screen.findByText('活动已开始或已结束，不能修改')).toBeTruthy()
  })
})

describe('确认志愿时长', () => {
  const ended = activity({
    phase: 'ended',
    startsAt: NOW - 26 * HOUR,
    endsAt: NOW - 24 * HOUR,
    durationMinutes: 120,
    maxMinutes: 180,
    can: { signUp: false, signUpWhy: '活动已开始，报名已截止', cancel: false, checkIn: false, checkInWhy: null, manage: true, confirm: true },
    roster: [
      { personId: 'p_lin', name: '林水生', status: 'checkedIn', position: null, checkedInAt: NOW - 26 * HOUR, minutes: null },
      { personId: 'p_wu', name: '吴丽华', status: 'checkedIn', position: null, checkedInAt: NOW - 26 * HOUR, minutes: null },
      { personId: 'p_chen', name: '陈建国', status: 'checkedIn', position: null, checkedInAt: NOW - 26 * HOUR, minutes: null },
      { personId: 'p_huang', name: '黄德明', status: 'signedUp', position: null, checkedInAt: null, minutes: null },
    ],
  })
  const row = (name: string) => screen.getByText(name).closest('.vh-row') as HTMLElement

  test('each attendee starts at the length; − / + by half an hour within 0.5 and the length plus an hour; 未参加; one confirmation sends only the changes', async () => {
    router.params = { villageId: V, activityId: 'va-1' }
    mocked.getActivity.mockResolvedValue(ended)
    mocked.confirmHours.mockResolvedValue({ ...ended, phase: 'confirmed' })
    render(<ActivityPage />)
    expect(await screen.findByText('活动2小时：已签到的每人默认记这么多；早退或多干了的，按实际调整（最多3小时）')).toBeTruthy()
    expect(within(row('黄德明')).getByText('未签到 · 记为未参加')).toBeTruthy()
    // 吴丽华 left early: 1.5 hours
    fireEvent.click(within(row('吴丽华')).getByText('−'))
    expect(within(row('吴丽华')).getByText('1.5小时')).toBeTruthy()
    // 林水生 stayed to tidy up: + stops at 3 hours
    for (let i = 0; i < 4; i++) fireEvent.click(within(row('林水生')).getByText('+'))
    expect(within(row('林水生')).getByText('3小时')).toBeTruthy()
    expect((within(row('林水生')).getByText('+') as HTMLButtonElement).disabled).toBe(true)
    // 陈建国 checked in and left at once
    fireEvent.click(within(row('陈建国')).getByText('未参加'))
    expect(within(row('陈建国')).queryByText('2小时')).toBeNull()

    fireEvent.click(screen.getByText('确认志愿时长'))
    await waitFor(() => expect(mocked.confirmHours).toHaveBeenCalledWith({ villageId: V, activityId: 'va-1', adjust: [{ personId: 'p_lin', hours: 3 }, { personId: 'p_wu', hours: 1.5 }], absent: ['p_chen'] }))
    expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '记录时长：林水生3小时、吴丽华1.5小时；未参加：陈建国、黄德明。确认后不能修改。' }))
  })

  test('− stops at half an hour; nothing is sent when the organiser cancels the question', async () => {
    router.params = { villageId: V, activityId: 'va-1' }
    mocked.getActivity.mockResolvedValue(ended)
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true } as Awaited<ReturnType<typeof Taro.showModal>>)
    render(<ActivityPage />)
    const minus = within(await screen.findByText('吴丽华').then((e) => e.closest('.vh-row') as HTMLElement)).getByText('−')
    for (let i = 0; i < 5; i++) fireEvent.click(minus)
    expect(within(row('吴丽华')).getByText('0.5小时')).toBeTruthy()
    expect((minus as HTMLButtonElement).disabled).toBe(true)
    fireEvent.click(screen.getByText('确认志愿时长'))
    await waitFor(() => expect(taro.showModal).toHaveBeenCalled())
    expect(mocked.confirmHours).not.toHaveBeenCalled()
  })
})
