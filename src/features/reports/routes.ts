import type { SubPackage } from '../../routes'

/** 随手拍 and the grid: the reports feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const reportsRoutes = {
  reports: {
    root: 'features/reports',
    pages: {
      /** 随手拍 (?villageId=): category, description, photos, the place, anonymity; 同问 on a nearby one instead; a draft kept */
      report: 'pages/report/index',
      /** one report (?villageId=&reportId=): states with who, when and what; the due clock; confirm and rate, or reopen; staff's actions */
      detail: 'pages/detail/index',
      /** 我的随手拍 (?villageId=): my reports and those I added 同问 to */
      mine: 'pages/mine/index',
      /** grid workers, the committee, the town: the queue (?villageId=&filter=), most overdue and newest first */
      queue: 'pages/queue/index',
      /** 民情地图 (?villageId=): a Map in WeChat; an SVG of the grids and a list by grid in the browser */
      map: 'pages/map/index',
      /** the village's figures (and, for town officers, the town's), clusters to turn into a topic, CSV */
      figures: 'pages/figures/index',
      /** the committee: categories and their deadlines */
      settings: 'pages/settings/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
