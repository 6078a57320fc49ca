import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { Me, MembershipView } from '@contract'
import * as api from '../../src/features/booking/api'
import { useAccount } from '../../src/features/account/store'
import ServicePage from '../../src/features/booking/pages/service'
import { CallError } from '../../src/shared/api/call'
import * as subscribe from '../../src/shared/subscribe'
import { router } from './mocks/taro'
import { booking, days, mother, slot } from './mocks/booking-fixtures'

jest.mock('../../src/features/booking/api')
jest.mock('../../src/shared/subscribe')
const mocked = jest.mocked(api)
const asked = jest.mocked(subscribe.askSubscribe)

const linjun: MembershipView = {
  _id: 'v-xinshan:p_linjun',
  villageId: 'v-xinshan',
  personId: 'p_linjun',
  name: '林俊',
  householdId: 'v-xinshan:h1',
  relation: '子女',
  roles: ['resident'],
  partyMember: false,
  gridIds: [],
  hallId: null,
  townId: null,
  joinedAt: 0,
  village: { id: 'v-xinshan', name: '新山村', kind: 'village', place: '汕尾市 · 海丰县 · 联安镇' },
}
const me: Me = { person: { _id: 'p_linjun', name: '林俊', createdAt: 0 }, memberships: [linjun], requests: [], unread: 0 }
const SLOT = slot().slotId

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { villageId: 'v-xinshan', serviceId: 'v-xinshan%3Ahall%3Acanteen' }
  useAccount.setState({ me, currentVillageId: 'v-xinshan', error: null })
  mocked.getDays.mockResolvedValue(days())
  asked.mockResolvedValue('skipped')
})

describe('预约服务', () => {
  test('a son who may not eat at the canteen himself books for his mother: she is chosen, he is told why not', async () => {
    mocked.book.mockResolvedValue(booking())
    render(<ServicePage />)
    expect(await screen.findByText('剩余12位')).toBeTruthy()
    expect(mocked.getDays).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:hall:canteen')
    expect(screen.getByText('李桂兰（同户）').closest('.vh-chip')?.className).toContain('vh-chip--on')

    fireEvent.click(screen.getByText('林俊（本人）'))
    expect(screen.getByText('长者饭堂仅限60岁及以上长者或登记在册的困难家庭预约')).toBeTruthy()
    expect(screen.queryByText('预约')).toBeNull()

    fireEvent.click(screen.getByText('李桂兰（同户）'))
    fireEvent.click(screen.getByText('预约'))
    await waitFor(() => expect(mocked.book).toHaveBeenCalledWith('v-xinshan', SLOT, 'p_liguilan', false))
    expect(await screen.findByText('预约成功')).toBeTruthy()
    // consent is asked after the booking succeeded, before the success shows
    expect(asked).toHaveBeenCalledWith('notice')
    expect(asked.mock.invocationCallOrder[0]).toBeGreaterThan(mocked.book.mock.invocationCallOrder[0])
    expect(screen.getByText('李桂兰 · 长者饭堂')).toBeTruthy()
  })

  test('a full slot offers the waitlist and shows the place in line', async () => {
    mocked.getDays.mockResolvedValue(days({ days: [{ date: slot().date, weekday: '周五', closedReason: null, slots: [slot({ state: 'full', seatsLeft: 0, waitlist: 2 })] }, days().days[1]] }))
    mocked.book.mockResolvedValue(booking({ status: 'waitlisted', position: 3 }))
    render(<ServicePage />)
    expect(await screen.findByText('已满（候补2人）')).toBeTruthy()
    fireEvent.click(screen.getByText('加入候补'))
    await waitFor(() => expect(mocked.book).toHaveBeenCalledWith('v-xinshan', SLOT, 'p_liguilan', true))
    expect(await screen.findByText('已加入候补')).toBeTruthy()
    expect(screen.getByText(/排在第3位/)).toBeTruthy()
  })

  test('a slot filled by others meanwhile: 名额已满 with the waitlist offered, nothing else shown as an error', async () => {
    mocked.book.mockRejectedValueOnce(new CallError({ code: 'FULL', message: '名额已满' })).mockResolvedValueOnce(booking({ status: 'waitlisted', position: 1 }))
    render(<ServicePage />)
    fireEvent.click(await screen.findByText('预约'))
    expect(await screen.findByText(/刚刚约满了/)).toBeTruthy()
    expect(screen.getByText('名额已满')).toBeTruthy()
    fireEvent.click(screen.getByText('加入候补'))
    await waitFor(() => expect(mocked.book).toHaveBeenLastCalledWith('v-xinshan', SLOT, 'p_liguilan', true))
    expect(await screen.findByText(/排在第1位/)).toBeTruthy()
  })

  test('a closed day shows its reason instead of slots', async () => {
    render(<ServicePage />)
    await screen.findByText('剩余12位')
    fireEvent.click(screen.getByText('休息'))
    expect(screen.getByText('当天休息：厨房设备检修')).toBeTruthy()
  })

  test('someone over the no-show limit sees why instead of the buttons for themselves, and may still book for family', async () => {
    const self = { personId: 'p_linjun', name: '林俊', relation: '本人' as const, eligible: true, why: null }
    mocked.getDays.mockResolvedValue(days({ bookables: [self, mother], needsStaff: '您已爽约3次，需到服务中心由工作人员登记预约' }))
    render(<ServicePage />)
    expect(await screen.findByText('您已爽约3次，需到服务中心由工作人员登记预约')).toBeTruthy()
    expect(screen.queryByText('预约')).toBeNull()
    fireEvent.click(screen.getByText('李桂兰（同户）'))
    expect(screen.queryByText('您已爽约3次，需到服务中心由工作人员登记预约')).toBeNull()
    expect(screen.getByText('预约')).toBeTruthy()
  })

  test('the chosen person’s booking in a slot shows instead of a second 预约', async () => {
    mocked.getDays.mockResolvedValue(days({ days: [{ date: slot().date, weekday: '周五', closedReason: null, slots: [slot({ mine: [{ bookingId: `${SLOT}~p_liguilan`, name: '李桂兰', status: 'booked', position: null }] })] }] }))
    render(<ServicePage />)
    expect(await screen.findByText('李桂兰：已预约')).toBeTruthy()
    expect(screen.queryByText('预约')).toBeNull()
  })
})
