/** The register searched on the server for the pickers of a household or a person (a village's register is paged). */
import type { Choice } from '@/shared/ui/search-pick'
import { searchHouseholds } from '../api'

export const householdSearch =
  (villageId: string) =>
  async (q: string): Promise<Choice[]> =>
    (await searchHouseholds(villageId, q)).map((h) => ({ id: h.id, text: `${h.doorplate}（户主 ${h.headName}）` }))

/** people of the matching households, but not those `except` holds (already members of a council) */
export const personSearch =
  (villageId: string, except: ReadonlySet<string> = new Set()) =>
  async (q: string): Promise<Choice[]> =>
    (await searchHouseholds(villageId, q)).flatMap((h) => h.members.filter((p) => !except.has(p.personId)).map((p) => ({ id: p.personId, text: `${p.name}（${h.doorplate}）` })))
