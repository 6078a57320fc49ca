import type { SubPackage } from '../../routes'

/** 操作记录: the audit log's subpackage (committee and town officers). Pure data: the server imports it. */
export const auditRoutes = {
  audit: {
    root: 'features/audit',
    pages: {
      /** the village's log: filters (操作人, 类型, 日期), 加载更多, 校验记录完整性 */
      log: 'pages/log/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
