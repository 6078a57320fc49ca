/** The few members who serve a village (committee, grid workers, hall staff, the town's officers), found by index. */
import type { Membership, Role, ServingPart } from './documents'
import type { Store } from '../../ports/store'

/** the most members serving one village (its committee, grid workers, hall staff, the town's officers): a few dozen */
const SERVING = 200

/** The village's members serving as `role`, earliest joined first: read among its serving members (an index), never its residents. */
export async function membersServing(store: Store, villageId: string, role: Role): Promise<Membership[]> {
  return store.find('memberships', { villageId, serving: true, roles: { $has: role } }, { sort: [['joinedAt', 'asc']], limit: SERVING })
}

/** The officers of the village's town who are members of the village (person ids): who handles what it sends up. `townId` when known (no read of the village). */
export async function townOfficersOf(store: Store, villageId: string, townId?: string): Promise<string[]> {
  const [officers, town] = await Promise.all([membersServing(store, villageId, 'townOfficer'), townId ?? store.get('villages', villageId).then((v) => v?.townId)])
  return officers.filter((m) => town && m.townId === town).map((m) => m.personId)
}

/** The grid workers of a grid (person ids); none for no grid. */
export async function gridWorkersOf(store: Store, villageId: string, gridId: string | null): Promise<string[]> {
  if (!gridId) return []
  return (await membersServing(store, villageId, 'gridWorker')).filter((m) => m.gridIds.includes(gridId)).map((m) => m.personId)
}

/** those serving the part (person ids), or the village's committee when nobody does */
export async function servingOrCommittee(store: Store, villageId: string, part: ServingPart): Promise<string[]> {
  const serving = part === 'townOfficers' ? await townOfficersOf(store, villageId) : await gridWorkersOf(store, villageId, part.gridWorkers)
  return serving.length ? serving : (await membersServing(store, villageId, 'committee')).map((m) => m.personId)
}
