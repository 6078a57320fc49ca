/** Who may call the deliberation feature's actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS } from '../../matrix'
import type { deliberation } from './module'

export const deliberationMatrix: Matrix<typeof deliberation.actions> = {
  'topics.list': ROWS.members,
  'topics.get': ROWS.members,
  'topics.villageOf': ROWS.anyone,
  'topics.save': ROWS.committee,
  'topics.publish': ROWS.committee,
  'topics.discard': ROWS.committee,
  'topics.decide': ROWS.committee,
  'topics.addUpdate': ROWS.committee,
  'topics.remind': ROWS.committee,
  'topics.turnoutByGrid': ROWS.committee,
  'topics.exportCsv': ROWS.committee,
  'topics.fromReports': ROWS.committee,
  // the roll and the count are public to the village, staff and town officers included
  'topics.roll': ROWS.members,
  'topics.amendRoll': ROWS.committee,
  'topics.count': ROWS.members,
  'topics.receipt': ROWS.members,
  // the frozen roll decides who votes: the residents; staff are told 您是本村的服务人员，不参与表决… (a grid
  // worker still casts a ballot as someone's proxy, which is why the access is member and the roll refuses)
  'ballots.cast': ROWS.residents,
  'ballots.voters': ROWS.committee,
  'ballots.recordInPerson': ROWS.committee,
  // the voter objects to their own meeting ballot; anyone not on the roll is refused before that
  'ballots.object': ROWS.residents,
  'proxies.grant': ROWS.residents,
  'proxies.revoke': ROWS.residents,
  'proxies.candidates': ROWS.residents,
  'proposals.list': ROWS.members,
  'proposals.create': ROWS.residents,
  'proposals.cosign': ROWS.residents,
  // only the proposer withdraws: the sample is 陈建国's proposal
  'proposals.withdraw': allow('householdRep'),
  'comments.list': ROWS.members,
  'comments.create': ROWS.residents,
  'comments.like': ROWS.residents,
  'comments.hide': ROWS.committee,
  // only its author edits or deletes a comment: the sample is 陈建国's
  'comments.edit': allow('householdRep'),
  'comments.delete': allow('householdRep'),
}
