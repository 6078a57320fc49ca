/** The audit log: every admin or staff action, who, what, which object, when, why. */
export interface AuditEntry {
  _id: string
  villageId: string
  actorId: string
  actorName: string
  action: string
  target: string
  reason: string | null
  at: number
}

declare module '../ports/store' {
  interface Collections {
    auditLog: AuditEntry
  }
}
