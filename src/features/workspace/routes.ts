import type { SubPackage } from '../../routes'

/** Workspaces for those who serve a village: the workspace feature's subpackage. Pure data: the server imports it (through src/routes.ts). */
export const workspaceRoutes = {
  workspace: {
    root: 'features/workspace',
    pages: {
      /** 网格员工作 (?villageId=): my grids' households — who has not agreed or voted, the last visit — the open topics, my visits */
      grid: 'pages/grid/index',
      /** 记录走访 (?villageId=&householdId=): household, day, note, photo; the household's earlier visits */
      visit: 'pages/visit/index',
      /** 镇街工作台 (?villageId=): every village of the town at once, a card each */
      town: 'pages/town/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
