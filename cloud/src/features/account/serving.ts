/** The few members who serve a village (committee, grid workers, hall staff, the town's officers), found by index. */
import type { Membership, Role } from './documents'
import type { Store } from '../../ports/store'

/** the most members serving one village (its committee, grid workers, hall staff, the town's officers): a few dozen */
const SERVING = 200

/** The village's members serving as `role`, earliest joined first: read among its serving members (an index), never its residents. */
export async function membersServing(store: Store, villageId: string, role: Role): Promise<Membership[]> {
  return store.find('memberships', { villageId, serving: true, roles: { $has: role } }, { sort: [['joinedAt', 'asc']], limit: SERVING })
}

/** The officers of the village's town who are members of the village (person ids): who handles what it sends up. */
export async function townOfficersOf(store: Store, villageId: string): Promise<string[]> {
  const [officers, village] = await Promise.all([membersServing(store, villageId, 'townOfficer'), store.get('villages', villageId)])
  return officers.filter((m) => village?.townId && m.townId === village.townId).map((m) => m.personId)
}
