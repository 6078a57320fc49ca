/**
 * The contract's zod-free tables: the words and lists that client and server must spell the same
 * way (roles, relations, the rules' words, status labels). The mini-program may import VALUES only
 * from here (`@contract/tables`); everything else in the contract it imports as types.
 * One word per state, for residents and the committee alike, on screen and in the CSV exports.
 */

// each feature's words live beside its documents (features/<name>/documents.ts); one line per feature
export { ROLES, ROLE_LABELS, committeeWord, peopleWord, hereWord, villageWords, type VillageWords, roleWord, PARTICIPANT_ROLES, takesPart, notResidentReason, RELATIONS, JOIN_STATUS_LABELS, END_REASONS, REGISTER_PAGE, NO_GRID } from '../features/account/documents'
export { rulesWord, ADOPTION_MEETINGS, adoptionMeetings, chineseNumber, clauseLabel, RULE_VERSION_LABELS, ruleVersionState, type RuleVersionState } from '../features/rules/documents'
export { TOPIC_STATUS_LABELS, TOPIC_UPCOMING_LABEL, TOPICS_PAGE, topicsNext, PROPOSAL_STATUS_LABELS, BALLOT_SOURCE_LABELS, BALLOT_SOURCE_SHORT, VOTING_MODE_LABELS, staffNote } from '../features/deliberation/documents'
export { AUDIT_ACTION_LABELS, auditActionLabel, SYSTEM_ACTOR, AUDIT_PAGE } from '../features/audit/documents'
export { BOARDS, BOARD_LABELS, ENTRY_STATUS_LABELS, NOMINATION_STATUS_LABELS, RESPONSIBLE_KIND_LABELS, COUNCILS, COUNCIL_LABELS, DEFAULT_BOARD_SETTINGS } from '../features/boards/documents'
export { SERVICE_KINDS, SERVICE_KIND_LABELS, WEEKDAY_LABELS, BOOKING_STATUS_LABELS, scheduleLines, weekdayWords } from '../features/booking/documents'
export { DEFAULT_CATEGORIES, REPORT_STATUS_LABELS, REPORT_ACTION_LABELS, OPEN_STATUSES } from '../features/reports/documents'
export { NOTICE_CATEGORIES, NOTICE_CATEGORY_LABELS, NOTICE_STATE_LABELS, DUTY_KINDS, DUTY_KIND_LABELS } from '../features/affairs/documents'
export { SIGNUP_STATUS_LABELS, ACTIVITY_PHASE_LABELS, hoursText } from '../features/volunteer/documents'
export { LETTER_STATUS_LABELS, letterToWord, LETTER_ACTION_LABELS, DEFAULT_REPLY_DAYS } from '../features/mailbox/documents'
