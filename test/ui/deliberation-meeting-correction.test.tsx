import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { VoterRow } from '@contract'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import MeetingPage from '../../src/features/deliberation/pages/meeting'
import { meWithTwoVillages } from './fixtures'
import { detail, NOW, voterPage } from './mocks/deliberation-committee'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const voters: VoterRow[] = [
  { personId: 'p7', name: '林水生', doorplate: '新山村东一巷12号', voted: false, source: null, objection: null },
  { personId: 'p8', name: '陈秀英', doorplate: '新山村东一巷14号', voted: true, source: 'online', objection: null },
  { personId: 'p10', name: '黄德明', doorplate: '新山村西三巷7号', voted: true, source: 'meeting', objection: '那天我在镇上，没有参加会议，请核实' },
]
const ballot = { _id: 'v-xinshan:t1:h10', villageId: 'v-xinshan', topicId: 'v-xinshan:t1', voterKey: 'h10', personId: 'p10', householdId: 'h10', gridId: 'g1', choices: ['no'], source: 'meeting' as const, castBy: 'p1', castByName: '林志强', castAt: NOW, changes: 1 }
const row = (name: string) => screen.getByText(name).closest('.dlb-voter') as HTMLElement
const reasonBox = () => screen.getByPlaceholderText('写明为什么更正，例如：登记时点错了选项')

beforeEach(() => {
  jest.clearAllMocks()
  jest.spyOn(Date, 'now').mockReturnValue(NOW)
  router.params = { topicId: 'v-xinshan%3At1' }
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getTopic.mockResolvedValue(detail())
})
afterEach(() => {
  jest.restoreAllMocks()
  router.params = {}
})

test("a voter's objection is shown on the list; one who voted on the phone cannot be touched", async () => {
  mocked.listVoters.mockResolvedValue(voterPage(voters))
  render(<MeetingPage />)
  expect(await screen.findByText('异议：那天我在镇上，没有参加会议，请核实')).toBeTruthy()
  expect(within(row('黄德明')).getByText('更正 ›')).toBeTruthy()
  expect(within(row('陈秀英')).queryByText('更正 ›')).toBeNull()
  fireEvent.click(screen.getByText('陈秀英'))
  expect(screen.queryByText('确认登记')).toBeNull()
  expect(screen.queryByText('确认更正')).toBeNull()
})

test('correcting a meeting ballot asks for the reason: none is refused without sending; with one it is sent', async () => {
  mocked.listVoters.mockResolvedValueOnce(voterPage(voters)).mockResolvedValue(voterPage(voters.map((v) => (v.personId === 'p10' ? { ...v, objection: null } : v))))
  mocked.recordInPersonBallot.mockResolvedValue(ballot)
  render(<MeetingPage />)
  fireEvent.click(await screen.findByText('黄德明'))
  expect(screen.getByText('更正黄德明的现场表决：改为')).toBeTruthy()
  fireEvent.click(screen.getByText('反对'))
  fireEvent.click(screen.getByText('确认更正'))
  expect(await screen.findByText('更正现场表决请写明理由（至少两个字）')).toBeTruthy()
  expect(mocked.recordInPersonBallot).not.toHaveBeenCalled()
  expect(taro.showModal).not.toHaveBeenCalled()

  fireEvent.change(reasonBox(), { target: { value: '他本人未到会，登记有误' } })
  expect(screen.queryByText('更正现场表决请写明理由（至少两个字）')).toBeNull()
  fireEvent.click(screen.getByText('确认更正'))
  await waitFor(() =>
    expect(mocked.recordInPersonBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: 'v-xinshan:t1', voterPersonId: 'p10', choices: ['no'], reason: '他本人未到会，登记有误' }),
  )
  expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '更正黄德明的现场表决？' })
  expect(taro.showToast).toHaveBeenCalledWith({ title: '已更正黄德明', icon: 'success' })
  await waitFor(() => expect(screen.queryByText(/^异议：/)).toBeNull())
})

test("the server's field error for the reason is shown beside the field", async () => {
  mocked.listVoters.mockResolvedValue(voterPage(voters))
  const message = '更正现场表决请写明理由（至少两个字）'
  mocked.recordInPersonBallot.mockRejectedValue(new CallError({ code: 'BAD_INPUT', message, fields: { reason: message } }))
  render(<MeetingPage />)
  fireEvent.click(await screen.findByText('黄德明'))
  fireEvent.click(screen.getByText('赞成'))
  fireEvent.change(reasonBox(), { target: { value: '改了' } })
  fireEvent.click(screen.getByText('确认更正'))
  await waitFor(() => expect(mocked.recordInPersonBallot).toHaveBeenCalled())
  const error = await screen.findByText(message)
  expect(error.closest('.vh-field')?.querySelector('textarea')).toBeTruthy()
  expect(screen.getAllByText(message)).toHaveLength(1)
})
