import type { SubPackage } from '../../routes'

/** 书记信箱: the mailbox feature's subpackage. Pure data: the server imports it (through src/routes.ts) for its links. */
export const mailboxRoutes = {
  mailbox: {
    root: 'features/mailbox',
    pages: {
      /** write a letter (?villageId=&aboutKind=&aboutId=&aboutLabel=): to whom, subject, text, photos, anonymity, consent; a draft kept */
      write: 'pages/write/index',
      /** 我的来信 (?villageId=) */
      mine: 'pages/mine/index',
      /** one letter (?villageId=&letterId=): its states with who and when, the reply, rating, consent; the committee's actions */
      letter: 'pages/letter/index',
      /** the committee's inbox (?villageId=): waiting letters, overdue first */
      inbox: 'pages/inbox/index',
      /** 公开来信 (?villageId=): letters and replies made public with their writers' consent */
      public: 'pages/public/index',
      /** the committee: days to reply */
      settings: 'pages/settings/index',
    },
    h5Only: [],
  },
} as const satisfies Record<string, SubPackage>
