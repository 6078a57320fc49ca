/** Who may call the dev feature's actions (local runtime only; see cloud/src/matrix.ts). */
import type { Matrix } from '../../matrix'
import { ROWS } from '../../matrix'
import type { dev } from './module'

export const devMatrix: Matrix<typeof dev.actions> = {
  // the demo identity picker: anyone, before signing in as someone
  'dev.identities': ROWS.anyone,
}
