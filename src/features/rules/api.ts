/** The rules feature's calls to the backend, one function per action. */
import { call } from '@/shared/api/call'
import type { InputOf } from '@contract'

export const getRulesStatus = (villageId: string) => call('rules.status', { villageId })
export const getCurrentRules = (villageId: string) => call('rules.current', { villageId })
export const getRuleVersions = (villageId: string) => call('rules.versions', { villageId })
export const getRuleVersion = (villageId: string, versionId: string) => call('rules.version', { villageId, versionId })
export const agreeToRules = (villageId: string, versionId: string) => call('rules.agree', { villageId, versionId })
export const makePartyCommitment = (villageId: string, versionId: string) => call('rules.partyCommit', { villageId, versionId })
export const startRulesDraft = (villageId: string) => call('rules.startDraft', { villageId })
export const saveRulesDraft = (input: InputOf<'rules.saveDraft'>) => call('rules.saveDraft', input)
export const discardRulesDraft = (villageId: string, versionId: string) => call('rules.discardDraft', { villageId, versionId })
export const publishRules = (villageId: string, versionId: string) => call('rules.publish', { villageId, versionId })
/** the counts by grid and one grid's page of households (gridId: that grid, null the households in none, absent the first) */
export const getRulesFollowUp = (villageId: string, gridId?: string | null, after?: string) => call('rules.followUp', { villageId, gridId, after })
export const exportRulesCsv = (villageId: string, kind: 'followUp' | 'agreements', after: string | null = null) => call('rules.exportCsv', { villageId, kind, after })
