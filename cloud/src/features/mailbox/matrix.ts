/** Who may call the mailbox actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS } from '../../matrix'
import type { mailbox } from './module'

/** the samples for rate and consent are 李桂兰's own replied letter: only its writer */
const WRITER = allow('resident')

export const mailboxMatrix: Matrix<typeof mailbox.actions> = {
  'mailbox.settings': ROWS.members,
  'mailbox.write': ROWS.residents,
  // staff write no letters: theirs is an empty list
  'mailbox.mine': ROWS.members,
  // the sample is a public letter: every member reads it
  'mailbox.get': ROWS.members,
  'mailbox.rate': WRITER,
  'mailbox.consent': WRITER,
  'mailbox.public': ROWS.members,
  'mailbox.inbox': ROWS.committee,
  'mailbox.accept': ROWS.committee,
  'mailbox.reply': ROWS.committee,
  'mailbox.publish': ROWS.committee,
  'mailbox.setSettings': ROWS.committee,
}
