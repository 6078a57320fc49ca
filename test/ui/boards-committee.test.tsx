import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { NominationView } from '@contract'
import * as api from '../../src/features/boards/api'
import { useAccount } from '../../src/features/account/store'
import EntryPage from '../../src/features/boards/pages/entry'
import NominationsPage from '../../src/features/boards/pages/nominations'
import { CallError } from '../../src/shared/api/call'
import { henanResident, meWithTwoVillages } from './fixtures'
import { router } from './mocks/taro'
import { DAY, entry, NOW } from './mocks/boards-fixtures'

jest.mock('../../src/features/boards/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const APPEAL = '我家早已接入污水管，照片里的排水管是隔壁空置房的'
const appealed = entry({
  id: 'v-xinshan:b9',
  board: 'black',
  status: 'appealed',
  place: '村东水塘',
  what: '往村东水塘排放洗衣污水',
  publishedAt: null,
  noticeUntil: NOW + DAY,
  appeal: { text: APPEAL, photos: [], by: 'p9', byName: '郑志远', at: NOW, councilOpinion: null, decision: null, reply: null, decidedBy: null, decidedByName: null, decidedAt: null },
  can: { appeal: false, appealWhy: null, manage: true },
})

beforeEach(() => {
  jest.clearAllMocks()
  router.params = { entryId: 'v-xinshan:b9' }
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

describe('答复申诉', () => {
  test('a decision must be chosen; the server’s reasons show beside opinion and reply; upholding shows the record', async () => {
    mocked.getEntry.mockResolvedValue(appealed)
    mocked.decideAppeal
      .mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '道德评议会意见至少2个字', fields: { councilOpinion: '道德评议会意见至少2个字' } }))
      .mockResolvedValueOnce({
        ...appealed,
        status: 'withdrawn',
        can: { appeal: false, appealWhy: null, manage: true },
        appeal: { ...appealed.appeal!, decision: 'upheld', councilOpinion: '经核实属实', reply: '本条撤销，不予公示', decidedBy: 'p1', decidedByName: '林志强', decidedAt: NOW },
        withdrawn: { reason: '本条撤销，不予公示', byName: '林志强', at: NOW },
      })
    render(<EntryPage />)
    expect(await screen.findByText(APPEAL)).toBeTruthy()
    expect(mocked.getEntry).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:b9')
    fireEvent.click(screen.getByText('提交答复'))
    expect(await screen.findByText('请选择支持或驳回申诉')).toBeTruthy()
    expect(mocked.decideAppeal).not.toHaveBeenCalled()

    fireEvent.click(screen.getByText('支持申诉（撤销）'))
    fireEvent.change(screen.getByPlaceholderText('评议会的意见，至少2个字'), { target: { value: '是' } })
    fireEvent.change(screen.getByPlaceholderText('告诉申诉人为什么这样决定'), { target: { value: '本条撤销，不予公示' } })
    fireEvent.click(screen.getByText('提交答复'))
    await waitFor(() => expect(mocked.decideAppeal).toHaveBeenCalledWith({ villageId: 'v-xinshan', entryId: 'v-xinshan:b9', decision: 'uphold', councilOpinion: '是', reply: '本条撤销，不予公示' }))
    expect(taro.showModal.mock.calls[0][0]).toMatchObject({ title: '支持申诉？' })
    const opinion = screen.getByPlaceholderText('评议会的意见，至少2个字').closest('.vh-field') as HTMLElement
    expect(await within(opinion).findByText('道德评议会意见至少2个字')).toBeTruthy()

    fireEvent.change(screen.getByPlaceholderText('评议会的意见，至少2个字'), { target: { value: '经核实属实' } })
    fireEvent.click(screen.getByText('提交答复'))
    expect(await screen.findByText('申诉成立，本条已撤销')).toBeTruthy()
    expect(screen.getByText('道德评议会意见：经核实属实')).toBeTruthy()
    expect(screen.getByText('村委会答复：本条撤销，不予公示')).toBeTruthy()
    expect(screen.queryByText('提交答复')).toBeNull()
  })

  test('the named household sees its notice period passed, not a form', async () => {
    mocked.getEntry.mockResolvedValue(entry({ board: 'black', status: 'published', mine: true, can: { appeal: false, appealWhy: '告知期已过，不能再申诉', manage: false } }))
    render(<EntryPage />)
    expect(await screen.findByText('告知期已过，不能再申诉')).toBeTruthy()
    expect(screen.queryByText('提交申诉')).toBeNull()
    expect(screen.queryByText('撤销本条')).toBeNull()
  })
})

const nomination = (over: Partial<NominationView> = {}): NominationView => ({
  _id: 'v-xinshan:n2',
  villageId: 'v-xinshan',
  nomineeName: '黄德明',
  nomineePersonId: null,
  nomineeHouseholdId: null,
  place: '村东水塘',
  deed: '下塘救起落水的邻居小孩，并送医检查',
  photos: [],
  byName: '吴丽华',
  at: NOW,
  status: 'pending',
  review: null,
  entryId: null,
  mine: false,
  photoUrls: {},
  ...over,
})

describe('推荐好人好事', () => {
  test('a resident outside the 道德评议会 nominates; a deed too short is refused before sending', async () => {
    useAccount.setState({ me: { ...meWithTwoVillages, memberships: [henanResident] }, currentVillageId: 'v-henan', error: null })
    mocked.listCouncils.mockResolvedValue([])
    mocked.nominate.mockResolvedValue(nomination({ villageId: 'v-henan', nomineeName: '陈阿婆', mine: true }))
    render(<NominationsPage />)
    fireEvent.change(await screen.findByPlaceholderText('姓名'), { target: { value: '陈阿婆' } })
    fireEvent.change(screen.getByPlaceholderText('什么时候、做了什么好事，至少10个字'), { target: { value: '扶老人' } })
    fireEvent.click(screen.getByText('提交推荐'))
    expect(await screen.findByText('请写明善行义举事迹，至少10个字')).toBeTruthy()
    expect(mocked.nominate).not.toHaveBeenCalled()
    fireEvent.change(screen.getByPlaceholderText('什么时候、做了什么好事，至少10个字'), { target: { value: '每天早上扶独居的陈伯去卫生站量血压' } })
    fireEvent.click(screen.getByText('提交推荐'))
    expect(await screen.findByText('已推荐 陈阿婆，道德评议会评议后会告诉您结果。')).toBeTruthy()
    expect(mocked.nominate).toHaveBeenCalledWith({ villageId: 'v-henan', nomineeName: '陈阿婆', place: undefined, deed: '每天早上扶独居的陈伯去卫生站量血压', photos: [] })
    expect(screen.queryByText('道德评议会 · 评议推荐')).toBeNull()
    expect(mocked.listNominations).not.toHaveBeenCalled()
  })

  test('the council reviews with a reason; accepting puts it on the board', async () => {
    mocked.listCouncils.mockResolvedValue([])
    mocked.listNominations.mockResolvedValue([nomination()])
    mocked.reviewNomination.mockResolvedValue(nomination({ status: 'accepted', review: { reason: '事迹属实', by: 'p1', byName: '林志强', at: NOW }, entryId: 'v-xinshan:b20' }))
    render(<NominationsPage />)
    expect(await screen.findByText('下塘救起落水的邻居小孩，并送医检查')).toBeTruthy()
    fireEvent.click(screen.getByText('入榜'))
    expect(await screen.findByText('请写明评议理由，至少2个字')).toBeTruthy()
    fireEvent.change(screen.getByPlaceholderText('评议会的理由，会告知推荐人'), { target: { value: '事迹属实' } })
    fireEvent.click(screen.getByText('入榜'))
    await waitFor(() => expect(mocked.reviewNomination).toHaveBeenCalledWith({ villageId: 'v-xinshan', nominationId: 'v-xinshan:n2', decision: 'accept', reason: '事迹属实' }))
    expect(await screen.findByText('已入榜')).toBeTruthy()
    expect(screen.getByText('评议：事迹属实（林志强）')).toBeTruthy()
  })
})
