import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/boards/api'
import { useAccount } from '../../src/features/account/store'
import MinePage from '../../src/features/boards/pages/mine'
import { CallError } from '../../src/shared/api/call'
import { meWithTwoVillages } from './fixtures'
import { DAY, entry, NOW } from './mocks/boards-fixtures'

jest.mock('../../src/features/boards/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const notice = entry({
  id: 'v-xinshan:e7',
  board: 'black',
  status: 'notice',
  place: '东一巷12号门前',
  what: '垃圾桶满溢未及时清理。',
  publishedAt: null,
  expiresAt: null,
  noticeUntil: NOW + 2 * DAY,
  mine: true,
  can: { appeal: true, appealWhy: null, manage: false },
})
const late = entry({ id: 'v-xinshan:e8', board: 'black', status: 'notice', place: '东一巷后门', what: '杂物堆放占道。', publishedAt: null, noticeUntil: NOW - DAY, mine: true, can: { appeal: false, appealWhy: '告知期已过，不能再申诉', manage: false } })
const TEXT = '那天是邻居办喜事借用的垃圾桶，第二天一早已清理干净。'

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getMine.mockResolvedValue({ entries: [late, notice], nominations: [] })
})

const box = () => screen.getByPlaceholderText('哪里与事实不符，至少5个字')

describe('我家的公示 and 申诉', () => {
  test('the notice shows its deadline, the one I can still appeal first; a late one says why it cannot be appealed', async () => {
    render(<MinePage />)
    expect(await screen.findByText('垃圾桶满溢未及时清理。')).toBeTruthy()
    expect(screen.getAllByText(/^公示前告知：请在 .* 前核实，有异议可申诉$/)).toHaveLength(2)
    expect(screen.getByText('告知期已过，不能再申诉')).toBeTruthy()
    const cards = document.querySelectorAll('.bd-entry__what')
    expect(cards[0].textContent).toBe('垃圾桶满溢未及时清理。')
    expect(screen.getAllByText('我要申诉')).toHaveLength(1)
  })

  test('an appeal too short is refused before sending; the server’s refusal shows beside the text, which stays', async () => {
    mocked.appealEntry.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '内容不合规，请修改后再提交', fields: { text: '内容不合规，请修改后再提交' } }))
    render(<MinePage />)
    fireEvent.click(await screen.findByText('我要申诉'))
    fireEvent.change(box(), { target: { value: '不对' } })
    fireEvent.click(screen.getByText('提交申诉'))
    expect(await screen.findByText('请写明申诉理由，至少5个字')).toBeTruthy()
    expect(mocked.appealEntry).not.toHaveBeenCalled()

    fireEvent.change(box(), { target: { value: TEXT } })
    fireEvent.click(screen.getByText('提交申诉'))
    await waitFor(() => expect(mocked.appealEntry).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:e7', TEXT, []))
    const field = box().closest('.vh-field') as HTMLElement
    expect(await within(field).findByText('内容不合规，请修改后再提交')).toBeTruthy()
    expect((box() as HTMLTextAreaElement).value).toBe(TEXT)
  })

  test('a sent appeal replaces the form with the record awaiting the committee’s reply', async () => {
    mocked.appealEntry.mockResolvedValue({
      ...notice,
      status: 'appealed',
      can: { appeal: false, appealWhy: '已申诉，等待答复', manage: false },
      appeal: { text: TEXT, photos: [], by: 'p1', byName: '林志强', at: NOW, councilOpinion: null, decision: null, reply: null, decidedBy: null, decidedByName: null, decidedAt: null },
    })
    render(<MinePage />)
    fireEvent.click(await screen.findByText('我要申诉'))
    fireEvent.change(box(), { target: { value: TEXT } })
    fireEvent.click(screen.getByText('提交申诉'))
    expect(await screen.findByText('等待村委会答复')).toBeTruthy()
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '提交申诉？' })
    expect(screen.queryByText('提交申诉')).toBeNull()
    expect(screen.getByText(TEXT)).toBeTruthy()
  })

  test('nothing to show says so', async () => {
    mocked.getMine.mockResolvedValue({ entries: [], nominations: [] })
    render(<MinePage />)
    expect(await screen.findByText('您家没有上榜的条目，也还没有推荐过好人好事。')).toBeTruthy()
  })
})
