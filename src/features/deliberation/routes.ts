import type { SubPackage } from '../../routes'

/** The deliberation feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const deliberationRoutes = {
  deliberation: {
    root: 'features/deliberation',
    pages: {
      /** ?topicId= (and &villageId= from a share card): background, vote, results and quorum meter, comments, decision and its implementation */
      topic: 'pages/topic/index',
      /** committee: post or edit a topic (?topicId= for a draft, ?proposalId= to schedule a proposal) */
      edit: 'pages/edit/index',
      /** committee: record the ballots cast at the meeting (榕树下议事), voter by voter (?topicId=) */
      meeting: 'pages/meeting/index',
      /** committee: decision, implementation updates, per-grid turnout, reminders, CSV (?topicId=) */
      manage: 'pages/manage/index',
      /** 选民名册 (?topicId=): the roll as posted on the notice board; the committee amends a draft's, with a reason */
      roll: 'pages/roll/index',
      /** 计票清单 (?topicId=): a closed topic's published count by receipt; recount it, find my receipt */
      count: 'pages/count/index',
      /** 村民提议: propose a topic and co-sign others' */
      proposals: 'pages/proposals/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
