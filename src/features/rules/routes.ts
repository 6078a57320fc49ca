import type { SubPackage } from '../../routes'

/** The rules feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const rulesRoutes = {
  rules: {
    root: 'features/rules',
    pages: {
      /** the current rules (or ?versionId=), with what changed since my version, and the agree button */
      read: 'pages/read/index',
      versions: 'pages/versions/index',
      /** committee: edit the draft and publish it */
      draft: 'pages/draft/index',
      /** committee and grid workers: who has not agreed yet, by grid; CSV export */
      followUp: 'pages/follow-up/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
