/**
 * An approved member onto the register, by the job (issue 16: join.decide stays within 10 calls). The decision writes
 * the membership at once, marked registerDue (the applicant is a member, a resident, with their household's id); a
 * step of the job then makes their household or names its 户代表 (a 户主 of a household without one), counts them on
 * the register's and the residents' counters with their agreement to the current rules (someone coming back keeps
 * it) and clears the mark, in one transaction per member that reads the mark first: a run cut off, or two at once,
 * writes each member once. Meanwhile a departure takes back nothing of theirs (countDeparture) and their agreement is
 * counted here with them (rules/agreeing.ts).
 */
import type { Ports } from '../../ports/ports'
import type { TxStore } from '../../ports/store'
import { againOnDuplicate } from '../../common/counters'
import { countHousehold, countMember } from './residents'
import { rolesOnJoin } from './policy'

/** members written onto the register per run (more wait for the next) */
export const ADMISSIONS_BATCH = 100

/** The job's step: the approved members still to write onto the register. Returns how many it wrote. */
export async function registerApproved(ports: Ports, _now: number): Promise<number> {
  const due = await ports.store.find('memberships', { registerDue: true }, { limit: ADMISSIONS_BATCH })
  let written = 0
  // two newcomers of a new doorplate in two runs at once: the one that meets the other's household at its insert runs again
  for (const m of due) if (await againOnDuplicate(() => ports.store.transaction((tx) => admit(tx, m._id)))) written++
  return written
}

/** One member onto the register, in the caller's transaction; false when done already, or ended before (counted nowhere). */
async function admit(tx: TxStore, membershipId: string): Promise<boolean> {
  const m = await tx.get('memberships', membershipId)
  if (!m?.registerDue) return false
  const village = await tx.get('villages', m.villageId)
  if (!village) return false
  const hid = m.householdId
  let household = hid ? await tx.get('households', hid) : null
  const created = !!hid && !household
  if (hid && !household) {
    // the doorplate as the applicant wrote it (the household's id holds its normal form)
    const request = await tx.get('joinRequests', membershipId)
    household = { _id: hid, villageId: m.villageId, gridId: null, doorplate: request?.doorplate ?? hid.slice(m.villageId.length + 1), headName: m.relation === '户主' ? m.name : '', repPersonId: null }
    await tx.insert('households', household)
  }
  // a 户主 becomes the 户代表 of a household without one (the committee may have named one since the decision)
  const namesRep = !!household && !!m.relation && rolesOnJoin(m.relation, !!household.repPersonId).includes('householdRep')
  const roles: typeof m.roles = namesRep ? [...m.roles, 'householdRep'] : m.roles
  if (household) {
    if (namesRep) await tx.update('households', household._id, { set: { repPersonId: m.personId, headName: m.name } })
    // the register's figures: a household new to it, and whether it has a 户代表 now that it had not
    const unrepresented = Number(!household.repPersonId && !namesRep) - Number(!created && !household.repPersonId)
    await countHousehold(tx, household, { registered: Number(created), unrepresented })
  }
  // 本村概况 and the rules' progress count the new member; their agreement (someone coming back keeps it) goes on the membership for 待办
  const agreed = await countMember(tx, village, { ...m, roles }, household)
  await tx.update('memberships', m._id, { set: { registerDue: undefined, roles, ...(agreed === null ? {} : { rulesAgreed: agreed ? (village.currentRulesVersion ?? 0) : 0 }) } })
  return true
}

