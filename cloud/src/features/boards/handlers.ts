/** 红黑榜 and 善行义举榜: every action, one file per part. */
import { committeeHandlers } from './committee'
import { councilHandlers } from './council'
import { readingHandlers } from './reading'
import { residentHandlers } from './residents'

export const boardsHandlers = { ...readingHandlers, ...committeeHandlers, ...residentHandlers, ...councilHandlers }
