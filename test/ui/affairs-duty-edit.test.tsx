/** 小微权力清单's editor: a duty's fields and its 办事指南, marked before sending and unmarked as each is fixed; the entries to it. */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { DutyView } from '@contract'
import * as api from '../../src/features/affairs/api'
import { useAccount } from '../../src/features/account/store'
import DutyEditPage from '../../src/features/affairs/pages/duty-edit'
import DutyPage from '../../src/features/affairs/pages/duty'
import DutiesPage from '../../src/features/affairs/pages/duties'
import { CallError } from '../../src/shared/api/call'
import { router } from './mocks/taro'
import { committee, meAs, resident, V } from './mocks/reports-fixtures'

jest.mock('../../src/features/affairs/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)
const as = (m: typeof resident) => useAccount.setState({ me: meAs(m), currentVillageId: V, error: null })

const DUTY: DutyView = {
  id: `${V}:d-duty-4`,
  order: 4,
  kind: 'duty',
  name: '低保申请受理',
  basis: '《社会救助暂行办法》',
  steps: ['提交申请', '入户调查'],
  responsible: '村民政专干',
  timeLimit: '5个工作日',
  guide: { bring: ['身份证', '户口簿'], where: '党群服务中心一楼', when: '工作日', phone: '0660-6801000', needsCertificate: false, certificateNote: '无需家庭困难证明：收入联网核查。' },
  updatedAt: 0,
  updatedByName: '林志强',
}
const STEPS = '每行写一步，如第一行“提交申请”，第二行“入户调查”'
const box = (placeholder: string) => screen.getByPlaceholderText(placeholder)
const type = (placeholder: string, value: string) => fireEvent.change(box(placeholder), { target: { value } })

beforeEach(() => {
  jest.clearAllMocks()
  as(committee)
  router.params = { villageId: V, dutyId: DUTY.id }
  mocked.getDuty.mockResolvedValue(DUTY)
})

test('editing: the duty fills the form; a cleared field is marked at 保存 and unmarked as it is fixed; what is sent is one step per line', async () => {
  mocked.saveDuty.mockResolvedValue(DUTY)
  render(<DutyEditPage />)
  expect(await screen.findByText('编辑 · 低保申请受理')).toBeTruthy()
  expect((box(STEPS) as HTMLTextAreaElement).value).toBe('提交申请\n入户调查')
  type('如：低保申请受理', '')
  type(STEPS, '  \n')
  fireEvent.click(screen.getByText('保存修改'))
  expect(screen.getByText('请填写事项名称')).toBeTruthy()
  expect(screen.getByText('请填写办理流程，每行一项')).toBeTruthy()
  expect(mocked.saveDuty).not.toHaveBeenCalled()
  // fixing one clears its mark only
  type('如：低保申请受理', '低保、特困供养申请受理')
  expect(screen.queryByText('请填写事项名称')).toBeNull()
  expect(screen.getByText('请填写办理流程，每行一项')).toBeTruthy()
  type(STEPS, '提交申请\n\n 入户调查 \n村内公示7日')
  expect(screen.queryByText('请填写办理流程，每行一项')).toBeNull()
  // 无证明 needs its reason
  type('如：凭身份证直接办理，收入由民政部门联网核查', '无')
  expect(screen.getByText('请说明为什么不需要证明')).toBeTruthy()
  type('如：凭身份证直接办理，收入由民政部门联网核查', '凭身份证直接办理，收入由民政部门联网核查')
  fireEvent.click(screen.getByText('保存修改'))
  await screen.findByText('保存修改')
  expect(mocked.saveDuty).toHaveBeenCalledWith({
    villageId: V,
    dutyId: DUTY.id,
    kind: 'duty',
    name: '低保、特困供养申请受理',
    basis: '《社会救助暂行办法》',
    steps: ['提交申请', '入户调查', '村内公示7日'],
    responsible: '村民政专干',
    timeLimit: '5个工作日',
    guide: { ...DUTY.guide, certificateNote: '凭身份证直接办理，收入由民政部门联网核查' },
  })
  expect(taro.navigateBack).toHaveBeenCalled()
})

test('the server’s refusal marks its field (guide.phone → 咨询电话) until that field is edited; a 禁入 item sends no guide', async () => {
  mocked.saveDuty.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '内容不合规', fields: { 'guide.phone': '咨询电话含有违规词' } }))
  render(<DutyEditPage />)
  fireEvent.click(await screen.findByText('保存修改'))
  expect(await screen.findByText('咨询电话含有违规词')).toBeTruthy()
  type('如：0660-6801000', '0660-6801001')
  expect(screen.queryByText('咨询电话含有违规词')).toBeNull()
  fireEvent.click(screen.getByText('禁入'))
  expect(screen.getByText('禁入事项是村委会不得承担的事，没有办事指南。')).toBeTruthy()
  mocked.saveDuty.mockResolvedValueOnce({ ...DUTY, kind: 'banned', guide: null })
  fireEvent.click(screen.getByText('保存修改'))
  await screen.findByText('保存修改')
  expect(mocked.saveDuty).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'banned', guide: null }))
})

test('a new item: its 办事指南 by default, then the duty it made is opened', async () => {
  router.params = { villageId: V }
  mocked.saveDuty.mockResolvedValue({ ...DUTY, id: `${V}:d-new` })
  render(<DutyEditPage />)
  expect(await screen.findByText('新增事项')).toBeTruthy()
  type('如：低保申请受理', '村道路灯报修')
  type('法律法规或镇街清单，如：《社会救助暂行办法》', '村级公共设施管理制度')
  type(STEPS, '随手拍报修\n派人维修')
  type('如：村民政专干', '村委会副主任')
  type('如：即时办结、5个工作日', '3个工作日')
  type('如：党群服务中心一楼办事窗口', '村委会')
  type('如：工作日 8:30—12:00，14:30—17:30', '随时')
  type('如：0660-6801000', '0660-6801000')
  type('如：凭身份证直接办理，收入由民政部门联网核查', '不用证明，说清楚哪盏灯坏了即可')
  fireEvent.click(screen.getByText('保存并公开'))
  await screen.findByText('保存并公开')
  expect(mocked.saveDuty).toHaveBeenCalledWith(expect.objectContaining({ dutyId: null, guide: expect.objectContaining({ bring: [], needsCertificate: false }) }))
  expect(taro.redirectTo).toHaveBeenCalledWith({ url: `/features/affairs/pages/duty/index?villageId=${V}&dutyId=${encodeURIComponent(`${V}:d-new`)}` })
})

test('residents are refused the editor', async () => {
  as(resident)
  render(<DutyEditPage />)
  expect(await screen.findByText(/^只有[村居]委会可以编辑小微权力清单$/)).toBeTruthy()
})

test('the committee: 编辑 on a duty and 新增事项 on the list open the editor; a resident sees neither', async () => {
  const { unmount } = render(<DutyPage />)
  fireEvent.click(await screen.findByText('编辑'))
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/affairs/pages/duty-edit/index?villageId=${V}&dutyId=${encodeURIComponent(DUTY.id)}` })
  unmount()
  mocked.getDuties.mockResolvedValue({ duties: [DUTY], counts: { duty: 1, assist: 0, banned: 0 }, canEdit: true })
  const list = render(<DutiesPage />)
  fireEvent.click(await screen.findByText('新增事项'))
  expect(taro.navigateTo).toHaveBeenLastCalledWith({ url: `/features/affairs/pages/duty-edit/index?villageId=${V}` })
  list.unmount()

  as(resident)
  mocked.getDuties.mockResolvedValue({ duties: [DUTY], counts: { duty: 1, assist: 0, banned: 0 }, canEdit: false })
  const theirs = render(<DutiesPage />)
  expect(await screen.findByText('低保申请受理')).toBeTruthy()
  expect(screen.queryByText('新增事项')).toBeNull()
  theirs.unmount()
  render(<DutyPage />)
  expect(await screen.findByText('拨打 0660-6801000')).toBeTruthy()
  expect(screen.queryByText('编辑')).toBeNull()
})
