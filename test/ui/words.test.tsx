/** Issue 15, point 9: the words follow the village (村委会 / 居委会, 村民提议 / 居民提议), the quorum in plain words, errors that go as they are fixed. */
import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { committeeWord, roleWord, villageWords } from '@contract/tables'
import { CommitteeWorkCard } from '../../src/features/account/tab-cards'
import { roleLabels } from '../../src/features/account/labels'
import { useAccount } from '../../src/features/account/store'
import { Implementation } from '../../src/features/deliberation/components/implementation'
import { quorumExplained, quorumText } from '../../src/features/deliberation/labels'
import { TextField } from '../../src/shared/ui'
import { henanResident, meWithTwoVillages, xinshanCommittee } from './fixtures'
import { topic, turnout } from './mocks/deliberation-fixtures'

test('one word for the committee, by the village’s kind, never 村（居）委会', () => {
  expect(committeeWord('village')).toBe('村委会')
  expect(committeeWord('community')).toBe('居委会')
  expect(roleWord('resident', 'community')).toBe('居民')
  expect(roleLabels(xinshanCommittee, 'village')).toEqual(['村民', '户代表', '村委会', '党员'])
  expect(roleLabels({ roles: ['resident', 'committee'], partyMember: false }, 'community')).toEqual(['居民', '居委会'])
})

test('the village’s words, one helper for server and app: 村委会/村民/本村 and 居委会/居民/本社区', () => {
  expect(villageWords('village')).toEqual({ committee: '村委会', people: '村民', here: '本村' })
  expect(villageWords('community')).toEqual({ committee: '居委会', people: '居民', here: '本社区' })
  // 我的: a community's committee works as its 居委会
  const { unmount } = render(<CommitteeWorkCard membership={{ ...henanResident, roles: ['resident', 'committee'] }} />)
  expect(screen.getByText('居委会工作')).toBeTruthy()
  expect(screen.getByText('居民户籍（户代表、户主、网格、注销）')).toBeTruthy()
  expect(screen.getByText('本社区二维码海报（打印贴在服务中心，扫码申请加入）')).toBeTruthy()
  unmount()
  render(<CommitteeWorkCard membership={xinshanCommittee} />)
  expect(screen.getByText('村委会工作')).toBeTruthy()
  expect(screen.queryByText(/村（居）/)).toBeNull()
})

test('a decision is the 村委会’s in a village and the 居委会’s in a community', () => {
  const decided = topic({ status: 'decided', decision: { text: '同意安装路灯', byName: '林志强', at: 0 } })
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: henanResident.villageId })
  const { unmount } = render(<Implementation topic={decided} photoUrls={{}} />)
  expect(screen.getByText('居委会决议')).toBeTruthy()
  expect(screen.queryByText(/村（居）委会/)).toBeNull()
  unmount()
  useAccount.setState({ currentVillageId: xinshanCommittee.villageId })
  render(<Implementation topic={decided} photoUrls={{}} />)
  expect(screen.getByText('村委会决议')).toBeTruthy()
})

test('the quorum says how many more are needed, not a rule with ≥', () => {
  expect(quorumText('household', turnout({ participants: 5, eligible: 8, quorumNeeded: 6, quorumMet: false }))).toBe('已有 5/8 户参与，还差1户就够数了')
  expect(quorumText('person', turnout({ participants: 5, eligible: 8, quorumNeeded: 5, quorumMet: true }))).toBe('已有 5/8 人参与，人数够了，表决有效')
  expect(quorumExplained('person', { eligible: 8, quorumNeeded: 5 })).toBe('法定人数：有表决权的 8 人过半数，即至少 5 人参与')
})

function NameForm({ error }: { error: string | null }) {
  const [name, setName] = useState('')
  return <TextField label='姓名' value={name} maxlength={20} error={error} onChange={setName} />
}

test('a field’s error goes as the person edits it, and a new error shows again', () => {
  const { rerender } = render(<NameForm error='请填写姓名' />)
  expect(screen.getByText('请填写姓名')).toBeTruthy()
  fireEvent.change(screen.getByRole('textbox'), { target: { value: '林' } })
  expect(screen.queryByText('请填写姓名')).toBeNull()
  rerender(<NameForm error='姓名至少2个字' />)
  expect(screen.getByText('姓名至少2个字')).toBeTruthy()
})
