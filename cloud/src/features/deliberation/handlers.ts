/** 手机上议事: every action of the deliberation, one file per part. */
import { ballotHandlers } from './ballots'
import { commentHandlers } from './comments'
import { countHandlers } from './count'
import { fromReportsHandlers } from './from-reports'
import { meetingHandlers } from './meeting'
import { proposalHandlers } from './proposals'
import { rollHandlers } from './roll'
import { topicHandlers } from './topics'

export const deliberationHandlers = { ...topicHandlers, ...rollHandlers, ...ballotHandlers, ...meetingHandlers, ...countHandlers, ...proposalHandlers, ...commentHandlers, ...fromReportsHandlers }
