import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import ProposalsPage from '../../src/features/deliberation/pages/proposals'
import { meWithTwoVillages } from './fixtures'
import { NOW, proposal } from './mocks/deliberation-committee'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const pavilion = proposal()
const mine = proposal({ _id: 'v-xinshan:pr2', title: '村口加装路灯', proposerName: '林志强', mine: true, cosigns: 1 })
const signed = proposal({ _id: 'v-xinshan:pr3', title: '河道定期清淤', cosignedByMe: true, cosigns: 3 })
const accepted = proposal({ _id: 'v-xinshan:pr4', title: '建设村民健身广场', status: 'accepted', cosigns: 5, acceptedAt: NOW })
const scheduled = proposal({ _id: 'v-xinshan:pr5', title: '村东道路硬化', status: 'scheduled', cosigns: 5, topicId: 'v-xinshan:t1' })
const all = [pavilion, mine, signed, accepted, scheduled]

const card = (title: string) => screen.getByText(title).closest('.vh-card') as HTMLElement
const button = (el: HTMLElement, name: string) => within(el).getByText(name).closest('button') as HTMLButtonElement

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

describe('村民提议', () => {
  test('lists proposals by state with the co-signing progress; one cannot co-sign twice or one’s own', async () => {
    mocked.listProposals.mockResolvedValue(all)
    render(<ProposalsPage />)
    expect(await screen.findByText('修缮村口老榕树下的凉亭')).toBeTruthy()
    expect(mocked.listProposals).toHaveBeenCalledWith('v-xinshan')
    expect(within(card('修缮村口老榕树下的凉亭')).getByText('已有 2/5 人联署')).toBeTruthy()
    expect(button(card('修缮村口老榕树下的凉亭'), '联署').disabled).toBe(false)
    expect(button(card('村口加装路灯'), '我的提议').disabled).toBe(true)
    expect(button(card('河道定期清淤'), '已联署').disabled).toBe(true)
    expect(within(card('建设村民健身广场')).getByText('已提交村委会')).toBeTruthy()
    expect(screen.getByText('征集联署中（3）')).toBeTruthy()

    fireEvent.click(within(card('村东道路硬化')).getByText('查看表决 ›'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At1' })
  })

  test('titled by the village’s word: 村民提议 in a village, 居民提议 in a community', async () => {
    mocked.listProposals.mockResolvedValue([])
    const { unmount } = render(<ProposalsPage />)
    expect(await screen.findByText('新山村 · 村民提议')).toBeTruthy()
    expect(taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '村民提议' })
    unmount()
    useAccount.setState({ currentVillageId: 'v-henan' })
    render(<ProposalsPage />)
    expect(await screen.findByText('河南社区 · 居民提议')).toBeTruthy()
    expect(screen.getByText('还没有居民提议')).toBeTruthy()
    expect(taro.setNavigationBarTitle).toHaveBeenLastCalledWith({ title: '居民提议' })
  })

  test('co-signing asks, calls cosignProposal and shows the new count', async () => {
    mocked.listProposals.mockResolvedValue(all)
    mocked.cosignProposal.mockResolvedValue({ ...pavilion, cosigns: 3, cosignedByMe: true })
    render(<ProposalsPage />)
    await screen.findByText('修缮村口老榕树下的凉亭')
    fireEvent.click(button(card('修缮村口老榕树下的凉亭'), '联署'))
    await waitFor(() => expect(mocked.cosignProposal).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:pr1'))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '联署这条提议？' })
    expect(await within(card('修缮村口老榕树下的凉亭')).findByText('已有 3/5 人联署')).toBeTruthy()
    expect(button(card('修缮村口老榕树下的凉亭'), '已联署').disabled).toBe(true)
  })

  test('a refused co-sign says why on the card', async () => {
    mocked.listProposals.mockResolvedValue([pavilion])
    mocked.cosignProposal.mockRejectedValue(new CallError({ code: 'DUPLICATE', message: '您已经联署过了' }))
    render(<ProposalsPage />)
    fireEvent.click(await screen.findByText('联署'))
    expect(await within(card('修缮村口老榕树下的凉亭')).findByText('您已经联署过了')).toBeTruthy()
  })

  test('proposing: the server’s field errors show beside the fields and the text stays; then it is created', async () => {
    mocked.listProposals.mockResolvedValue([pavilion])
    mocked.createProposal
      .mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '提议理由至少10个字', fields: { title: '提议标题至少4个字', background: '提议理由至少10个字' } }))
      .mockResolvedValueOnce(proposal({ _id: 'v-xinshan:pr9', title: '村小学门口装减速带', background: '上学放学时车多，孩子过马路危险。', proposerName: '林志强', mine: true, cosigns: 0 }))
    render(<ProposalsPage />)
    await screen.findByText('修缮村口老榕树下的凉亭')
    fireEvent.click(screen.getByText('＋ 我要提议'))
    fireEvent.change(screen.getByPlaceholderText('如：修缮村口老榕树下的凉亭（4至40个字）'), { target: { value: '减速' } })
    fireEvent.change(screen.getByPlaceholderText('为什么要办、打算怎么办，至少10个字'), { target: { value: '车多' } })
    fireEvent.click(screen.getByText('提交提议'))

    const title = screen.getByPlaceholderText('如：修缮村口老榕树下的凉亭（4至40个字）') as HTMLInputElement
    await waitFor(() => expect(within(title.closest('.vh-field') as HTMLElement).getByText('提议标题至少4个字')).toBeTruthy())
    const reason = screen.getByPlaceholderText('为什么要办、打算怎么办，至少10个字') as HTMLTextAreaElement
    expect(within(reason.closest('.vh-field') as HTMLElement).getByText('提议理由至少10个字')).toBeTruthy()
    expect(title.value).toBe('减速')
    expect(reason.value).toBe('车多')
    expect(mocked.createProposal).toHaveBeenCalledWith({ villageId: 'v-xinshan', title: '减速', background: '车多' })

    fireEvent.change(title, { target: { value: '村小学门口装减速带' } })
    expect(within(title.closest('.vh-field') as HTMLElement).queryByText('提议标题至少4个字')).toBeNull()
    fireEvent.change(reason, { target: { value: '上学放学时车多，孩子过马路危险。' } })
    fireEvent.click(screen.getByText('提交提议'))
    expect(await screen.findByText('村小学门口装减速带')).toBeTruthy()
    expect(button(card('村小学门口装减速带'), '我的提议').disabled).toBe(true)
    expect(screen.queryByText('提交提议')).toBeNull()
  })

  test('the committee schedules an accepted proposal from here; residents do not see the button', async () => {
    mocked.listProposals.mockResolvedValue(all)
    const { unmount } = render(<ProposalsPage />)
    fireEvent.click(await screen.findByText('安排表决'))
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/edit/index?proposalId=v-xinshan%3Apr4' })
    unmount()

    useAccount.setState({ me: { ...meWithTwoVillages, memberships: [{ ...meWithTwoVillages.memberships[0], roles: ['resident'] }] } })
    render(<ProposalsPage />)
    expect(await screen.findByText('建设村民健身广场')).toBeTruthy()
    expect(screen.queryByText('安排表决')).toBeNull()
  })

  test('no proposals yet, and a failed load with a retry', async () => {
    mocked.listProposals.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })).mockResolvedValueOnce([])
    render(<ProposalsPage />)
    fireEvent.click(await screen.findByText('重试'))
    expect(await screen.findByText('还没有村民提议')).toBeTruthy()
  })

  test('someone without a village is asked to join first', () => {
    useAccount.setState({ me: { ...meWithTwoVillages, memberships: [] }, currentVillageId: null })
    render(<ProposalsPage />)
    expect(screen.getByText('加入村（社区）后才能提议和联署')).toBeTruthy()
    expect(mocked.listProposals).not.toHaveBeenCalled()
  })
})
