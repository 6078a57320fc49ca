/**
 * Workspaces for the people who serve a village: the grid worker's 走访记录 (a visit to a household of their grids,
 * with a note and an optional photo). The town's and the hall's workspaces only read other features' counts.
 * Instants are epoch ms; a visit's date is the Shanghai calendar day it took place.
 */

export interface Visit {
  /** `${villageId}:${newId}` */
  _id: string
  villageId: string
  householdId: string
  /** the household's grid when the visit was recorded (a household may move grids later) */
  gridId: string | null
  /** the household's doorplate then (the register may change; the record keeps what was visited) */
  doorplate: string
  /** YYYY-MM-DD, Asia/Shanghai: when the visit took place (recorded the same day or within a week) */
  date: string
  note: string
  /** fileIds (Files port), checked like every photo a person posts */
  photos: string[]
  /** the grid worker who visited; '' once they asked for their data to be deleted */
  visitorId: string
  visitorName: string
  createdAt: number
}

/** how far back a visit may be recorded (a worker writes up a week's visits on Friday) */
export const VISIT_BACKDATE_DAYS = 7

/** A household's last visit, kept on the household by every visit recorded (the grid's list shows it without reading the visits). */
export interface LastVisit {
  date: string
  /** '' once the visitor asked for their data to be deleted */
  visitorId: string
  visitorName: string
}

declare module '../account/documents' {
  interface Household {
    /** the last visit to the household (workspace keeps it with each visit); absent before the first */
    lastVisit?: LastVisit | null
  }
}

declare module '../../ports/store' {
  interface Collections {
    visits: Visit
  }
}
