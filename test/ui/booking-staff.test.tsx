import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { BookingService, BookingSetup, DayList, DayListRow, Me, MembershipView } from '@contract'
import * as api from '../../src/features/booking/api'
import { useAccount } from '../../src/features/account/store'
import DayPage from '../../src/features/booking/pages/day'
import ServiceEditPage from '../../src/features/booking/pages/service-edit'
import { CallError } from '../../src/shared/api/call'
import { meWithTwoVillages } from './fixtures'
import { router } from './mocks/taro'
import { booking, canteen, hall, TODAY } from './mocks/booking-fixtures'

jest.mock('../../src/features/booking/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const staff: MembershipView = { ...meWithTwoVillages.memberships[0], _id: 'v-xinshan:p_zhangxiuying', personId: 'p_zhangxiuying', name: '张秀英', roles: ['resident', 'hallStaff'], hallId: hall.hallId }
const asStaff: Me = { person: { _id: 'p_zhangxiuying', name: '张秀英', createdAt: 0 }, memberships: [staff], requests: [], unread: 0 }
const row = (over: Partial<DayListRow> = {}): DayListRow => ({ bookingId: 'b1', personId: 'p_liguilan', name: '李桂兰', doorplate: '新山村东一巷12号', bookedByName: '林俊', via: 'app', status: 'booked', position: null, checkedInAt: null, noShows: 0, note: null, ...over })
const dayList = (started: boolean): DayList => ({
  hall,
  date: TODAY,
  slots: [
    {
      slotId: `${canteen.id}@${TODAY}@11:30`,
      serviceId: canteen.id,
      serviceName: '长者饭堂',
      kind: 'canteen',
      start: '11:30',
      end: '12:30',
      label: '午餐',
      capacity: 80,
      booked: 2,
      checkedIn: 1,
      rows: [row(), row({ bookingId: 'b2', personId: 'p_wulihua', name: '吴丽华', doorplate: '新山村东一巷30号', bookedByName: '陈小红', noShows: 3 }), row({ bookingId: 'b3', name: '黄德明', status: 'checkedIn', checkedInAt: Date.now() })],
      started,
    },
  ],
})

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: asStaff, currentVillageId: 'v-xinshan', error: null })
})

describe('今日名单', () => {
  beforeEach(() => {
    router.params = { villageId: 'v-xinshan', hallId: 'v-xinshan%3Ahall' }
    mocked.getDayList.mockResolvedValue(dayList(true))
  })

  test('each booking with its 门牌号, booker and no-shows; 签到 checks in at this hall and the list reloads', async () => {
    mocked.checkIn.mockResolvedValue(booking({ status: 'checkedIn' }))
    render(<DayPage />)
    expect(await screen.findByText('已约 2/80 · 签到 1')).toBeTruthy()
    expect(screen.getByText('新山村东一巷30号 · 陈小红代订 · 爽约3次')).toBeTruthy()
    expect(mocked.getDayList).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:hall', TODAY)
    // two booked rows have 签到; the checked-in one has none
    expect(screen.getAllByText('签到')).toHaveLength(2)
    fireEvent.click(screen.getAllByText('签到')[0])
    await waitFor(() => expect(mocked.checkIn).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:hall', 'b1'))
    await waitFor(() => expect(mocked.getDayList).toHaveBeenCalledTimes(2))
  })

  test('标记未到 asks first; declined, nothing is sent', async () => {
    mocked.markNoShow.mockResolvedValue(booking({ name: '吴丽华', status: 'noShow' }))
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    render(<DayPage />)
    const buttons = await screen.findAllByText('标记未到')
    fireEvent.click(buttons[1])
    await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '标记未到？', content: '吴丽华 记爽约一次，名额让给候补的人。' })))
    expect(mocked.markNoShow).not.toHaveBeenCalled()
    fireEvent.click(buttons[1])
    await waitFor(() => expect(mocked.markNoShow).toHaveBeenCalledWith('v-xinshan', 'b2'))
  })

  test('before the slot starts there is no 标记未到', async () => {
    mocked.getDayList.mockResolvedValue(dayList(false))
    render(<DayPage />)
    await screen.findByText('已约 2/80 · 签到 1')
    expect(screen.queryByText('标记未到')).toBeNull()
  })

  test('现场登记 of an elder without the app: by name, a note, checked in at once; a name too short is stopped here', async () => {
    mocked.staffBook.mockResolvedValue(booking({ name: '陈阿婆', via: 'staff', status: 'checkedIn' }))
    mocked.getPeople.mockResolvedValue({ people: [], next: null, total: 0, narrow: false })
    render(<DayPage />)
    fireEvent.click(await screen.findByText('现场登记'))
    fireEvent.click(screen.getByText('填写姓名'))
    fireEvent.change(screen.getByPlaceholderText('没有用手机的长者，填写姓名'), { target: { value: '陈' } })
    fireEvent.click(screen.getByText('登记并签到'))
    expect(await screen.findByText('请填写姓名（至少两个字）')).toBeTruthy()
    expect(mocked.staffBook).not.toHaveBeenCalled()
    fireEvent.change(screen.getByPlaceholderText('没有用手机的长者，填写姓名'), { target: { value: '陈阿婆' } })
    fireEvent.change(screen.getByPlaceholderText('如：联系电话、忌口'), { target: { value: '女儿代取' } })
    fireEvent.click(screen.getByText('登记并签到'))
    await waitFor(() => expect(mocked.staffBook).toHaveBeenCalledWith({ villageId: 'v-xinshan', slotId: `${canteen.id}@${TODAY}@11:30`, checkIn: true, note: '女儿代取', name: '陈阿婆' }))
  })

  test('a resident is told the list is the staff’s, and nothing is loaded', async () => {
    const resident: Me = { ...meWithTwoVillages, memberships: [{ ...meWithTwoVillages.memberships[0], roles: ['resident'] }] }
    useAccount.setState({ me: resident, currentVillageId: 'v-xinshan', error: null })
    render(<DayPage />)
    expect(await screen.findByText('只有本服务中心的工作人员、村委会和镇街干部可以查看预约名单')).toBeTruthy()
    expect(mocked.getDayList).not.toHaveBeenCalled()
  })
})

describe('编辑服务', () => {
  const service: BookingService = {
    _id: canteen.id,
    villageId: 'v-xinshan',
    hallId: hall.hallId,
    kind: 'canteen',
    name: '长者饭堂',
    description: '两荤一素一汤',
    rules: [{ weekdays: [1, 2, 3, 4, 5, 6], start: '11:30', end: '12:30', stepMinutes: null, capacity: 80, label: '午餐' }],
    exceptions: [],
    windowDays: 7,
    cutoffMinutes: 150,
    eligibility: { minAge: 60, householdIds: [], note: null },
    perPersonLimit: 6,
    priceNote: null,
    active: true,
    updatedAt: 0,
    updatedByName: '张秀英',
  }
  const setup: BookingSetup = { hall, services: [service], noShowLimit: 3, households: [{ id: 'v-xinshan:h6', doorplate: '新山村新村路6号', headName: '黄德明' }] }

  beforeEach(() => {
    router.params = { villageId: 'v-xinshan', hallId: 'v-xinshan%3Ahall', serviceId: 'v-xinshan%3Ahall%3Acanteen' }
    mocked.getSetup.mockResolvedValue(setup)
  })

  test('the service as stored fills the form; the server’s refusal shows beside the field it names', async () => {
    mocked.saveService.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '名额不能大于1000', fields: { 'rules.0.capacity': '名额不能大于1000' } }))
    render(<ServiceEditPage />)
    const capacity = (await screen.findByPlaceholderText('如：80')) as HTMLInputElement
    expect(capacity.value).toBe('80')
    fireEvent.change(capacity, { target: { value: '5000' } })
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(mocked.saveService).toHaveBeenCalled())
    const input = mocked.saveService.mock.calls[0][0]
    expect(input).toMatchObject({ villageId: 'v-xinshan', hallId: 'v-xinshan:hall', serviceId: canteen.id, kind: 'canteen', windowDays: 7, cutoffMinutes: 150, perPersonLimit: 6, eligibility: { minAge: 60, householdIds: [], note: null } })
    expect(input.rules).toEqual([{ weekdays: [1, 2, 3, 4, 5, 6], start: '11:30', end: '12:30', stepMinutes: null, capacity: 5000, label: '午餐' }])
    const field = capacity.closest('.vh-field') as HTMLElement
    expect(await within(field).findByText('名额不能大于1000')).toBeTruthy()
  })

  test('a weekly rule without weekdays is stopped before sending; a listed household is added and sent', async () => {
    mocked.saveService.mockResolvedValue(service)
    render(<ServiceEditPage />)
    await screen.findByText('编辑服务 · 长者饭堂')
    for (const d of ['周一', '周二', '周三', '周四', '周五', '周六']) fireEvent.click(screen.getByText(d))
    fireEvent.click(screen.getByText('保存'))
    expect((await screen.findAllByText('请选择星期')).length).toBeGreaterThan(0)
    expect(mocked.saveService).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('周三'))
    mocked.searchHouseholds.mockResolvedValue([{ id: 'v-xinshan:h7', doorplate: '新山村新村路7号', headName: '林水生' }])
    fireEvent.change(screen.getByPlaceholderText('输入门牌号或户主姓名'), { target: { value: '新村路' } })
    // the village's households are searched on the server; the picked one is listed by its name
    fireEvent.click(await screen.findByText('新山村新村路7号（户主 林水生）'))
    expect(mocked.searchHouseholds).toHaveBeenLastCalledWith('v-xinshan', 'v-xinshan:hall', '新村路')
    expect(await screen.findByText('新山村新村路7号（户主 林水生）')).toBeTruthy()
    fireEvent.click(screen.getByText('保存'))
    await waitFor(() => expect(mocked.saveService).toHaveBeenCalled())
    expect(mocked.saveService.mock.calls[0][0]).toMatchObject({ rules: [expect.objectContaining({ weekdays: [3] })], eligibility: { householdIds: ['v-xinshan:h7'] } })
    expect(taro.navigateBack).toHaveBeenCalled()
  })
})
