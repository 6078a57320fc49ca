/**
 * Every page, declared once: the tab pages here, each feature's subpackage in its own routes.ts.
 * app.config is built from this, the client navigates with pageUrl(), and the server builds its
 * notification links with the same pageUrl(), so a page path is never spelt twice.
 * Pure data and pure functions only (no React, Taro or other imports): the server imports this file.
 */
import { accountRoutes } from './features/account/routes'
import { deliberationRoutes } from './features/deliberation/routes'
import { rulesRoutes } from './features/rules/routes'
import { auditRoutes } from './features/audit/routes'
import { boardsRoutes } from './features/boards/routes'
import { bookingRoutes } from './features/booking/routes'
import { reportsRoutes } from './features/reports/routes'
import { mailboxRoutes } from './features/mailbox/routes'
import { volunteerRoutes } from './features/volunteer/routes'
import { affairsRoutes } from './features/affairs/routes'
import { workspaceRoutes } from './features/workspace/routes'

/** A feature's subpackage (root = the feature folder); h5Only pages are left out of the weapp build. */
export interface SubPackage {
  root: string
  pages: Record<string, string>
  h5Only: readonly string[]
}

/** Tab pages live in the main package; every other page in its feature's subpackage. */
export const tabPages = {
  home: 'pages/home/index',
  topics: 'pages/topics/index',
  services: 'pages/services/index',
  me: 'pages/me/index',
} as const

export const subPackages = {
  ...accountRoutes,
  ...rulesRoutes,
  ...deliberationRoutes,
  ...auditRoutes,
  ...boardsRoutes,
  ...bookingRoutes,
  ...reportsRoutes,
  ...mailboxRoutes,
  ...volunteerRoutes,
  ...affairsRoutes,
  ...workspaceRoutes,
} as const

type Sub = typeof subPackages
export type PageKey = keyof typeof tabPages | { [P in keyof Sub]: `${P}.${keyof Sub[P]['pages'] & string}` }[keyof Sub]

/** '/features/account/pages/join/index' for 'account.join' */
export function pagePath(key: PageKey): string {
  if (key in tabPages) return `/${tabPages[key as keyof typeof tabPages]}`
  const [pkg, page] = key.split('.') as [keyof Sub, string]
  const sub: SubPackage = subPackages[pkg]
  return `/${sub.root}/${sub.pages[page]}`
}

/**
 * '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At1': the page with its parameters,
 * each value URL-encoded (ids hold ':'); undefined ones are left out. Pages read them back decoded
 * through src/shared/page-params.ts.
 */
export function pageUrl(key: PageKey, params: Record<string, string | number | undefined> = {}): string {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${pagePath(key)}?${query}` : pagePath(key)
}
