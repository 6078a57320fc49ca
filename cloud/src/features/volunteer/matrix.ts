/** Who may call the volunteer actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { ROWS } from '../../matrix'
import type { volunteer } from './module'

export const volunteerMatrix: Matrix<typeof volunteer.actions> = {
  // a check-in code is scanned by anyone, member or not: it names the activity and nothing more
  'volunteer.byScene': ROWS.anyone,
  'volunteer.activities': ROWS.members,
  'volunteer.activity': ROWS.members,
  'volunteer.mine': ROWS.members,
  'volunteer.totals': ROWS.members,
  // volunteering is the residents' (staff and officers serve the village in office)
  'volunteer.signUp': ROWS.residents,
  'volunteer.cancel': ROWS.residents,
  'volunteer.checkIn': ROWS.residents,
  // the committee, or the activity's organisation's organisers (陈小红 of 新山村志愿服务队 is not a persona)
  'volunteer.save': ROWS.committee,
  'volunteer.confirm': ROWS.committee,
  'volunteer.poster': ROWS.committee,
}
