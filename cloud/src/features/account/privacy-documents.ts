/** 个人信息: a person's request to have their data deleted (注销), confirmed by a committee. Zod-free. */

/** erasing: confirmed, the job erasing it a step at a time (erase.ts) */
export type DeletionStatus = 'pending' | 'erasing' | 'done'
export interface DeletionRequest {
  /** the personId: one request per person */
  _id: string
  personId: string
  /** cleared to DELETED_NAME once done */
  name: string
  /** the villages whose committee may confirm it (the person's memberships and join requests when asked) */
  villageIds: string[]
  reason: string | null
  status: DeletionStatus
  createdAt: number
  /** set when done */
  doneAt: number | null
  doneByName: string | null
  /** set by the confirmation: who confirmed it, in which village, and why (the job's first step writes it to the log) */
  confirmed?: { villageId: string; byId: string; byName: string; reason: string; at: number } | null
  /** while erasing: the job's next step and where in it (erase.ts) */
  erase?: { step: number; after: string | null } | null
}

/** what a deleted person is shown as, wherever something of theirs stays (a comment, a closed topic's ballot) */
export const DELETED_NAME = '已注销用户'
/** why deletion waits: a ballot in a topic still open would change its count */
export const OPEN_BALLOT_REFUSAL = '您在投票中的议题还没有结束，请在表决结束后再注销'

declare module '../../ports/store' {
  interface Collections {
    deletionRequests: DeletionRequest
  }
}
