import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { router, shareAppMessage } from './mocks/taro'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import TopicPage from '../../src/features/deliberation/pages/topic'
import { meWithTwoVillages } from './fixtures'
import { ballot, comment, commentPage, detail, me, turnout } from './mocks/deliberation-fixtures'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const TOPIC = 'v-xinshan:t1'
const ballotCard = () => screen.getByText('投票（按户，由户代表投）').closest('.vh-card') as HTMLElement

beforeEach(() => {
  jest.clearAllMocks()
  jest.mocked(accountApi).getMe.mockResolvedValue(meWithTwoVillages)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  router.params = { topicId: encodeURIComponent(TOPIC) }
  mocked.listComments.mockResolvedValue(commentPage([]))
})

describe('voting', () => {
  test('a yes/no vote sends the choice, shows 已投票, and can be changed (改投) until the close', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.castBallot.mockResolvedValueOnce(ballot(['yes'])).mockResolvedValueOnce(ballot(['no'], { changes: 1 }))
    render(<TopicPage />)
    expect(await screen.findByText('是否同意从村集体收入中拿出 2 万元，在东一巷安装 12 盏太阳能路灯？')).toBeTruthy()
    expect(screen.getByText('已有 1/4 户参与，还差2户就够数了')).toBeTruthy()

    fireEvent.click(screen.getByText('确认投票'))
    expect(await screen.findByText('请先选择赞成、反对或弃权')).toBeTruthy()
    expect(mocked.castBallot).not.toHaveBeenCalled()

    fireEvent.click(screen.getByRole('radio', { name: '赞成' }))
    fireEvent.click(screen.getByText('确认投票'))
    await waitFor(() => expect(mocked.castBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, choices: ['yes'] }))
    expect(await screen.findByText('已投票')).toBeTruthy()
    expect(screen.getByText('我家的表决：赞成')).toBeTruthy()
    expect(mocked.getTopic).toHaveBeenCalledTimes(2)

    fireEvent.click(screen.getByText('改投'))
    fireEvent.click(screen.getByRole('radio', { name: '反对' }))
    fireEvent.click(screen.getByText('确认改投'))
    await waitFor(() => expect(mocked.castBallot).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, choices: ['no'] }))
    expect(await screen.findByText('我家的表决：反对')).toBeTruthy()
    expect(screen.getByText('改投过 1 次')).toBeTruthy()
  })

  test('a refusal is shown in Chinese and the selection is kept', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.castBallot.mockRejectedValue(new CallError({ code: 'CLOSED', message: '已截止' }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByRole('radio', { name: '反对' }))
    fireEvent.click(screen.getByText('确认投票'))
    expect(await screen.findByText('已截止')).toBeTruthy()
    // the selection is kept, and a screen reader hears which choice is selected
    expect(screen.getByRole('radio', { name: '反对' }).className).toContain('dl-yesno-btn--on')
    expect(screen.getByRole('radio', { name: '反对', checked: true })).toBeTruthy()
    expect(screen.getByRole('radio', { name: '赞成', checked: false })).toBeTruthy()
    expect(screen.getByRole('radiogroup', { name: '您的表决' })).toBeTruthy()
    expect(screen.getByText('确认投票')).toBeTruthy()
    expect(screen.queryByText('已投票')).toBeNull()
  })

  test('a household member who is not its representative reads who votes for the family and whether they have, and gets no ballot', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ canVote: false, reason: '您家的户代表林水生已于12月3日投票' }) }))
    render(<TopicPage />)
    expect(await screen.findByText('您家的户代表林水生已于12月3日投票')).toBeTruthy()
    expect(screen.queryByText('确认投票')).toBeNull()
    expect(screen.queryByRole('radio', { name: '赞成' })).toBeNull()
  })

  test('a choice topic takes up to maxChoices', async () => {
    mocked.getTopic.mockResolvedValue(
      detail({ tally: null }, {
        kind: 'choice',
        maxChoices: 2,
        results: 'sealed',
        options: [
          { id: 'o1', label: '东一巷' },
          { id: 'o2', label: '祠堂前' },
          { id: 'o3', label: '村口' },
        ],
      }),
    )
    mocked.castBallot.mockResolvedValue(ballot(['o1', 'o3']))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('东一巷'))
    fireEvent.click(screen.getByText('祠堂前'))
    fireEvent.click(screen.getByText('村口'))
    expect(screen.getByText('最多只能选 2 项')).toBeTruthy()
    fireEvent.click(screen.getByText('祠堂前'))
    fireEvent.click(screen.getByText('村口'))
    // several may be picked: checkboxes, each saying whether it is picked
    expect(screen.getAllByRole('checkbox', { checked: true }).map((c) => c.textContent)).toEqual(['✓东一巷', '✓村口'])
    expect(screen.getByRole('checkbox', { name: '祠堂前', checked: false })).toBeTruthy()
    fireEvent.click(screen.getByText('确认投票'))
    await waitFor(() => expect(mocked.castBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, choices: ['o1', 'o3'] }))
    expect(await screen.findByText('我家的表决：东一巷、村口')).toBeTruthy()
  })

  test('代投: votes on behalf of the person who made me their proxy', async () => {
    mocked.getTopic.mockResolvedValue(detail({ me: me({ proxiesForMe: [{ grantorId: 'p7', grantorName: '林阿婆', voted: false }] }) }))
    mocked.castBallot.mockResolvedValue(ballot(['yes'], { personId: 'p7', source: 'proxy' }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('代林阿婆投票'))
    expect(screen.getByText(/^林阿婆委托您代为投票。/)).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: '赞成' }))
    fireEvent.click(screen.getByText('确认代林阿婆投票'))
    await waitFor(() => expect(mocked.castBallot).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, choices: ['yes'], onBehalfOf: 'p7' }))
    expect(await screen.findByText('代林阿婆投票（已投）')).toBeTruthy()
  })

  test('authorising a proxy of my own, and taking it back', async () => {
    mocked.getTopic.mockResolvedValueOnce(detail())
    mocked.listProxyCandidates.mockResolvedValue([{ personId: 'p3', name: '林小明', why: '本户家人' }])
    mocked.grantProxy.mockResolvedValue({} as never)
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('行动不便？请家人或网格员代投 ›'))
    expect(await screen.findByText('本户家人')).toBeTruthy()
    mocked.getTopic.mockResolvedValue(
      detail({ me: me({ myProxy: { _id: `${TOPIC}:p1`, villageId: 'v-xinshan', topicId: TOPIC, grantorId: 'p1', grantorName: '林志强', proxyId: 'p3', proxyName: '林小明', at: 0, revoked: false, usedAt: null } }) }),
    )
    fireEvent.click(screen.getByText('委托林小明'))
    await waitFor(() => expect(mocked.grantProxy).toHaveBeenCalledWith('v-xinshan', TOPIC, 'p3'))
    expect(await screen.findByText('您已委托 林小明 代您投票')).toBeTruthy()
    mocked.revokeProxy.mockResolvedValue({ revoked: 1 })
    fireEvent.click(screen.getByText('取消委托'))
    await waitFor(() => expect(mocked.revokeProxy).toHaveBeenCalledWith('v-xinshan', TOPIC))
  })
})

describe('results', () => {
  test('a sealed open topic shows no counts', async () => {
    mocked.getTopic.mockResolvedValue(detail({ tally: null, turnout: turnout({ participants: 2, online: 2, percent: 50 }) }, { results: 'sealed' }))
    render(<TopicPage />)
    expect(await screen.findByText('票数在截止后公布')).toBeTruthy()
    expect(screen.queryByText(/票 · \d+%/)).toBeNull()
    // turnout is not sealed
    expect(screen.getByText('已有 2/4 户参与，还差1户就够数了')).toBeTruthy()
  })

  test('a live open topic shows the running count', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    render(<TopicPage />)
    expect(await screen.findByText('1 票 · 100%')).toBeTruthy()
    expect(screen.queryByText('过半数')).toBeNull()
  })

  test('a closed topic without the quorum says 未达法定人数 in big type', async () => {
    mocked.getTopic.mockResolvedValue(
      detail(
        {
          me: me({ canVote: false, reason: '已截止' }),
          result: { valid: false, verdict: '未达法定人数', carried: [], summary: '未达法定人数：4 户中只有 1 户参与，需至少 3 户。' },
        },
        { status: 'closed', closedAt: Date.now() },
      ),
    )
    render(<TopicPage />)
    const verdict = await screen.findByText('未达法定人数')
    expect(verdict.className).toContain('dl-verdict__word')
    expect(screen.getByText('未达法定人数：4 户中只有 1 户参与，需至少 3 户。')).toBeTruthy()
    expect(screen.getByText('待公布决议')).toBeTruthy()
    expect(screen.queryByText('确认投票')).toBeNull()
    expect(screen.getByText('按回执码核对、自己重新计票')).toBeTruthy()
  })

  test('a closed topic whose count the job is still building says 计票清单生成中 (the row still leads to it)', async () => {
    mocked.getTopic.mockResolvedValue({ ...detail({ me: me({ canVote: false, reason: '已截止' }) }, { status: 'closed', closedAt: Date.now() }), countPending: true })
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('计票清单生成中'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/features/deliberation/pages/count/index?topicId=') as string })
    expect(screen.queryByText('按回执码核对、自己重新计票')).toBeNull()
  })

  test('a decided topic shows the carried option, the decision and the implementation record', async () => {
    const now = Date.now()
    mocked.getTopic.mockResolvedValue(
      detail(
        {
          turnout: turnout({ participants: 3, online: 2, inPerson: 1, quorumMet: true, percent: 75 }),
          tally: [
            { optionId: 'yes', label: '赞成', votes: 3, percent: 100, carries: true },
            { optionId: 'no', label: '反对', votes: 0, percent: 0, carries: false },
            { optionId: 'abstain', label: '弃权', votes: 0, percent: 0, carries: false },
          ],
          result: { valid: true, verdict: '有效', carried: ['yes'], summary: '有效。赞成 3 票，超过到会 3 户的半数，通过。' },
          me: me({ ballot: ballot(['yes']) }),
        },
        {
          status: 'done',
          decision: { text: '同意安装 12 盏太阳能路灯，由村委会负责采购。', byName: '林志强', at: now },
          updates: [
            { id: 'u1', text: '路灯已到货', photos: [], done: false, byName: '林志强', at: now },
            { id: 'u2', text: '12 盏路灯全部亮了', photos: ['f1'], done: true, byName: '林志强', at: now },
          ],
        },
      ),
    )
    render(<TopicPage />)
    expect(await screen.findByText('有效')).toBeTruthy()
    expect(screen.getByText('有效。赞成 3 票，超过到会 3 户的半数，通过。')).toBeTruthy()
    expect(screen.getByText('过半数')).toBeTruthy()
    expect(screen.getByText('同意安装 12 盏太阳能路灯，由村委会负责采购。')).toBeTruthy()
    expect(screen.getByText('12 盏路灯全部亮了')).toBeTruthy()
    expect(screen.getByText('线上 2 · 现场 1')).toBeTruthy()
    expect(screen.getByText('我家的表决：赞成')).toBeTruthy()
    expect(screen.queryByText('改投')).toBeNull()
  })

  test('a load that failed on the network says why and retries', async () => {
    mocked.getTopic.mockRejectedValueOnce(new CallError({ code: 'NETWORK' })).mockResolvedValueOnce(detail())
    render(<TopicPage />)
    expect(await screen.findByText('网络不通，请检查网络后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('村道路灯安装')).toBeTruthy()
  })
})

describe('comments', () => {
  test('posting with a stance calls createComment; a refusal keeps the text; the comment shows at once', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.createComment
      .mockRejectedValueOnce(new CallError({ code: 'CONTENT_REJECTED', message: '内容不合规，请修改后再提交' }))
      .mockResolvedValueOnce(comment({ mine: true, authorName: '林志强', text: '晚上太黑了，支持装灯' }))
    render(<TopicPage />)
    expect(await screen.findByText('还没有人发表意见，说说您的看法吧')).toBeTruthy()
    const box = screen.getByPlaceholderText('说说您的看法，请文明发言') as HTMLTextAreaElement
    fireEvent.change(box, { target: { value: '晚上太黑了，支持装灯' } })
    const composer = box.closest('.dl-composer') as HTMLElement
    fireEvent.click(within(composer).getByText('赞成'))
    fireEvent.click(screen.getByText('发表意见'))
    expect(await screen.findByText('内容不合规，请修改后再提交')).toBeTruthy()
    expect(box.value).toBe('晚上太黑了，支持装灯')
    fireEvent.click(screen.getByText('发表意见'))
    await waitFor(() =>
      expect(mocked.createComment).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, text: '晚上太黑了，支持装灯', stance: 'for', parentId: null }),
    )
    // shown from the server's answer, without reloading the pages read so far
    expect(await screen.findByText('林志强（我）')).toBeTruthy()
    expect(screen.getByText('议事讨论（1）')).toBeTruthy()
    expect(box.value).toBe('')
    expect(mocked.listComments).toHaveBeenCalledTimes(1)
  })

  test('a reply goes under its comment', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.listComments.mockResolvedValue(commentPage([comment()]))
    mocked.createComment.mockResolvedValue(comment({ _id: 'c2', parentId: 'c1' }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('回复'))
    fireEvent.change(screen.getByPlaceholderText('回复 林水生…'), { target: { value: '同意，装在祠堂门口' } })
    fireEvent.click(screen.getByText('发表回复'))
    await waitFor(() => expect(mocked.createComment).toHaveBeenCalledWith({ villageId: 'v-xinshan', topicId: TOPIC, text: '同意，装在祠堂门口', stance: null, parentId: 'c1' }))
  })

  test('a hidden comment: others see only that it was hidden; its author sees the reason', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    mocked.listComments.mockResolvedValue(commentPage([
      comment({ _id: 'c1', text: null, hidden: { reason: null }, stance: 'against' }),
      comment({ _id: 'c2', authorName: '林志强', mine: true, text: null, hidden: { reason: '含人身攻击' } }),
      comment({ _id: 'c3', authorName: '王芳', text: '支持', stance: 'neutral', likes: 1 }),
    ]))
    render(<TopicPage />)
    expect(await screen.findByText('该评论已被隐藏')).toBeTruthy()
    expect(screen.getByText('该评论已被村委会隐藏（理由：含人身攻击）')).toBeTruthy()
    expect(screen.queryByText('路灯早该装了。')).toBeNull()
    expect(screen.getByText('议事讨论（3）')).toBeTruthy()
    mocked.likeComment.mockResolvedValue({ liked: true, likes: 2 })
    fireEvent.click(screen.getByText('赞 1'))
    expect(await screen.findByText('已赞 2')).toBeTruthy()
    // a resident cannot hide
    expect(screen.queryByText('隐藏')).toBeNull()
  })

  test('the committee hides a comment with a reason', async () => {
    mocked.getTopic.mockResolvedValue(detail({ can: { manage: true, comment: true } }))
    mocked.listComments.mockResolvedValue(commentPage([comment()]))
    mocked.hideComment.mockResolvedValue(comment({ text: null, hidden: { reason: '与议题无关' } }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('隐藏'))
    fireEvent.click(screen.getByText('确认隐藏'))
    expect(await screen.findByText('请写明隐藏理由（至少2个字），评论人会看到')).toBeTruthy()
    expect(mocked.hideComment).not.toHaveBeenCalled()
    fireEvent.change(screen.getByPlaceholderText('请写明隐藏理由，评论人会看到'), { target: { value: '与议题无关' } })
    fireEvent.click(screen.getByText('确认隐藏'))
    await waitFor(() => expect(mocked.hideComment).toHaveBeenCalledWith('v-xinshan', 'c1', '与议题无关'))
  })
})

describe('committee and sharing', () => {
  test('the committee gets the meeting and manage pages; residents do not', async () => {
    mocked.getTopic.mockResolvedValue(detail({ can: { manage: true, comment: true } }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('现场表决登记（榕树下议事）'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/meeting/index?topicId=${encodeURIComponent(TOPIC)}` })
    fireEvent.click(screen.getByText('议题管理：决议、进展、提醒、导出'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/manage/index?topicId=${encodeURIComponent(TOPIC)}` })
  })

  test('h5 copies the link; the share card opens this topic', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    render(<TopicPage />)
    expect(await screen.findByText('村道路灯安装')).toBeTruthy()
    expect(screen.queryByText('现场表决登记（榕树下议事）')).toBeNull()
    fireEvent.click(screen.getByText('复制链接'))
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: window.location.href }))
    expect(await screen.findByText('链接已复制，可以粘贴到村民微信群')).toBeTruthy()
    const card = shareAppMessage() as { title: string; path: string }
    expect(card.title).toContain('村道路灯安装')
    expect(card.path).toBe(`/features/deliberation/pages/topic/index?topicId=${encodeURIComponent(TOPIC)}&villageId=v-xinshan`)
  })

  test('once open, everyone can open the voter roll (选民名册) from the turnout', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('选民名册（4户）'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/roll/index?topicId=${encodeURIComponent(TOPIC)}` })
    expect(screen.queryByText('核对选民名册')).toBeNull()
  })

  test('a draft has no published roll; the committee checks the draft one', async () => {
    mocked.getTopic.mockResolvedValue(detail({ can: { manage: true, comment: false } }, { status: 'draft', publishedAt: null }))
    render(<TopicPage />)
    fireEvent.click(await screen.findByText('核对选民名册'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/features/deliberation/pages/roll/index?topicId=${encodeURIComponent(TOPIC)}` })
    expect(screen.queryByText(/^选民名册（/)).toBeNull()
  })

  test('the ballot card title says who votes in household mode', async () => {
    mocked.getTopic.mockResolvedValue(detail())
    render(<TopicPage />)
    await screen.findByText('村道路灯安装')
    expect(within(ballotCard()).getByText('确认投票')).toBeTruthy()
  })
})
