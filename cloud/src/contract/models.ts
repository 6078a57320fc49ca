// TEMPORARY while the client moves to @contract: documents now live in each feature's documents.ts
export * from '../features/account/documents'
export * from '../features/rules/documents'
export type { AuditEntry } from '../common/audit'
