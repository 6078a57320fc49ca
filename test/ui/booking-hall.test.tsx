import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HallPage } from '@contract'
import * as api from '../../src/features/booking/api'
import { useAccount } from '../../src/features/account/store'
import HallPageRoot from '../../src/features/booking/pages/hall'
import { CallError } from '../../src/shared/api/call'
import { meWithTwoVillages, newcomer } from './fixtures'
import { router } from './mocks/taro'
import { booking, canteen, hall, TODAY } from './mocks/booking-fixtures'

jest.mock('../../src/features/booking/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const today = (over: Parameters<typeof booking>[0] = {}) => booking({ date: TODAY, slotId: `${canteen.id}@${TODAY}@11:30`, id: `${canteen.id}@${TODAY}@11:30~p_liguilan`, ...over })
const page = (over: Partial<HallPage> = {}): HallPage => ({
  hall,
  today: TODAY,
  services: [canteen],
  todays: [today({ can: { cancel: false, cancelWhy: '已过取消截止时间', checkIn: true, checkInWhy: null } }), today({ id: 'b2', name: '林水生', personId: 'p_linshuisheng', bookedByName: '林水生', can: { cancel: false, cancelWhy: null, checkIn: false, checkInWhy: '还未到签到时间：11:00 起可签到' } })],
  staff: false,
  ...over,
})

beforeEach(() => {
  jest.clearAllMocks()
  // WeChat passes the poster's scene URL-encoded, as it was put in the code
  router.params = { scene: encodeURIComponent('h=v-xinshan:hall') }
  mocked.getHallByScene.mockResolvedValue(hall)
  mocked.getHall.mockResolvedValue(page())
})

describe('服务中心 (the poster’s page)', () => {
  test('someone not yet in the village sees which hall it is and is asked to join; nothing of the hall’s bookings is asked for', async () => {
    useAccount.setState({ me: newcomer, currentVillageId: null, error: null })
    render(<HallPageRoot />)
    expect(await screen.findByText('新山村党群服务中心')).toBeTruthy()
    expect(mocked.getHallByScene).toHaveBeenCalledWith('h=v-xinshan:hall')
    expect(screen.getByText('申请加入村（社区）')).toBeTruthy()
    expect(mocked.getHall).not.toHaveBeenCalled()
  })

  test('a member acting in another village sees this hall’s day: today’s bookings, 签到 where it is open, why not elsewhere', async () => {
    // 林志强 acts in 河南社区; the poster is 新山村's
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan', error: null })
    mocked.checkIn.mockResolvedValue(today({ status: 'checkedIn', checkedInAt: Date.now(), can: { cancel: false, cancelWhy: null, checkIn: false, checkInWhy: null } }))
    render(<HallPageRoot />)
    expect(await screen.findByText('签到（李桂兰）')).toBeTruthy()
    expect(mocked.getHall).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:hall')
    expect(screen.getByText('还未到签到时间：11:00 起可签到')).toBeTruthy()
    expect(screen.queryByText('签到（林水生）')).toBeNull()
    expect(screen.queryByText('工作人员')).toBeNull()

    fireEvent.click(screen.getByText('签到（李桂兰）'))
    await waitFor(() => expect(mocked.checkIn).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:hall', `${canteen.id}@${TODAY}@11:30~p_liguilan`))
    expect(await screen.findByText(/^已签到 \d\d:\d\d$/)).toBeTruthy()
    expect(screen.queryByText('签到（李桂兰）')).toBeNull()
    expect(taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '李桂兰 已签到' }))
  })

  test('a service opens its booking page; staff find their pages', async () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
    mocked.getHall.mockResolvedValue(page({ todays: [], staff: true }))
    render(<HallPageRoot />)
    expect(await screen.findByText('今天您和家人在这里没有预约，可以在下面预约或现场办理')).toBeTruthy()
    fireEvent.click(screen.getByText('长者饭堂'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/features/booking/pages/service/index?villageId=v-xinshan&serviceId=v-xinshan%3Ahall%3Acanteen' })
    fireEvent.click(screen.getByText('备餐人数'))
    expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: '/features/booking/pages/headcount/index?villageId=v-xinshan&hallId=v-xinshan%3Ahall' })
  })

  test('a code that names no hall says so', async () => {
    useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
    mocked.getHallByScene.mockRejectedValue(new CallError({ code: 'NOT_FOUND', message: '找不到该服务中心' }))
    render(<HallPageRoot />)
    expect(await screen.findByText('找不到该服务中心')).toBeTruthy()
    expect(mocked.getHall).not.toHaveBeenCalled()
  })
})
