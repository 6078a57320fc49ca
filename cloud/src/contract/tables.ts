/**
 * The contract's zod-free tables: the words and lists that client and server must spell the same
 * way (roles, relations, the rules' words, status labels). The mini-program may import VALUES only
 * from here (`@contract/tables`); everything else in the contract it imports as types.
 */
export { ROLES, ROLE_LABELS, RELATIONS } from '../features/account/documents'
export { rulesWord, ADOPTION_MEETINGS, adoptionMeetings, chineseNumber, clauseLabel } from '../features/rules/documents'
