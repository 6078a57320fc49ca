/**
 * Every page, declared once. app.config is built from this, and navigation uses it,
 * so a page path is never spelt twice. Tab pages live in the main package; every other page
 * lives in its feature's subpackage (root = the feature folder).
 */
export const tabPages = {
  home: 'pages/home/index',
  topics: 'pages/topics/index',
  services: 'pages/services/index',
  me: 'pages/me/index',
} as const

export const subPackages = {
  account: {
    root: 'features/account',
    pages: {
      join: 'pages/join/index',
      requests: 'pages/requests/index',
      notifications: 'pages/notifications/index',
      /** the 体验身份 picker: only in the h5 build, which only the local runtime serves */
      identity: 'pages/identity/index',
    },
    h5Only: ['identity'],
  },
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
  deliberation: {
    root: 'features/deliberation',
    pages: {
      /** ?topicId=: background, vote, results and quorum meter, comments, decision and its implementation */
      topic: 'pages/topic/index',
      /** committee: post or edit a topic (?topicId= for a draft, ?proposalId= to schedule a proposal) */
      edit: 'pages/edit/index',
      /** committee: record the ballots cast at the meeting (榕树下议事), voter by voter (?topicId=) */
      meeting: 'pages/meeting/index',
      /** committee: decision, implementation updates, per-grid turnout, reminders, CSV (?topicId=) */
      manage: 'pages/manage/index',
      /** 村民提议: propose a topic and co-sign others' */
      proposals: 'pages/proposals/index',
    },
    h5Only: [],
  },
} as const

type Sub = typeof subPackages
export type PageKey = keyof typeof tabPages | { [P in keyof Sub]: `${P}.${keyof Sub[P]['pages'] & string}` }[keyof Sub]

/** '/features/account/pages/join/index' for 'account.join' */
export function pagePath(key: PageKey): string {
  if (key in tabPages) return `/${tabPages[key as keyof typeof tabPages]}`
  const [pkg, page] = key.split('.') as [keyof Sub, string]
  const sub = subPackages[pkg]
  return `/${sub.root}/${(sub.pages as Record<string, string>)[page]}`
}
