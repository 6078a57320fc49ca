/** The boards feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { Board, Council, EntryStatus, InputOf } from '@contract'

export const listBoard = (villageId: string, board: Board, month?: string) => call('boards.list', { villageId, board, month })
export const getEntry = (villageId: string, entryId: string) => call('boards.entry', { villageId, entryId })
export const getMine = (villageId: string) => call('boards.mine', { villageId })
export const getRanking = (villageId: string, month?: string) => call('boards.ranking', { villageId, month })
export const listCouncils = (villageId: string, personId?: string) => call('councils.list', { villageId, personId })

export const createEntry = (input: InputOf<'boards.create'>) => call('boards.create', input)
export const issueEntry = (villageId: string, entryId: string) => call('boards.issue', { villageId, entryId })
export const withdrawEntry = (villageId: string, entryId: string, reason: string) => call('boards.withdraw', { villageId, entryId, reason })
export const decideAppeal = (input: InputOf<'boards.decideAppeal'>) => call('boards.decideAppeal', input)
export const manageEntries = (villageId: string, status?: EntryStatus) => call('boards.manage', { villageId, status })
export const getBoardSettings = (villageId: string) => call('boards.settings', { villageId })
export const setBoardSettings = (villageId: string, noticeDays: number, expiryDays: number) => call('boards.setSettings', { villageId, noticeDays, expiryDays })
export const appointMember = (villageId: string, council: Council, personId: string) => call('councils.appoint', { villageId, council, personId })
export const removeMember = (villageId: string, council: Council, personId: string) => call('councils.remove', { villageId, council, personId })

export const appealEntry = (villageId: string, entryId: string, text: string, photos: string[]) => call('boards.appeal', { villageId, entryId, text, photos })
export const nominate = (input: InputOf<'boards.nominate'>) => call('boards.nominate', input)
export const listNominations = (villageId: string) => call('boards.nominations', { villageId })
export const reviewNomination = (input: InputOf<'boards.reviewNomination'>) => call('boards.reviewNomination', input)

/** the clause picker: the village's current rules (the rules feature's action, through the one door) */
export const getCurrentRules = (villageId: string) => call('rules.current', { villageId })
/** the responsible-party picker: the village's households and their members */
/** the register's households (and their people) whose 门牌号 or a member's name holds `q`: one answer of the first matches */
export const searchHouseholds = async (villageId: string, q: string) => (await call('register.households', { villageId, q })).households
