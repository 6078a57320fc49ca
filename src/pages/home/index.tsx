import { JoinPrompt } from '@/features/account/components/join-prompt'
import { JoinRequestsStatus } from '@/features/account/components/join-requests-status'
import { AccountTab, SwitchVillageButton, UnreadCard, VillageOverviewCards, WelcomeCard } from '@/features/account/tab-cards'
import { RulesHomeCard } from '@/features/rules/tab-cards'
import { BoardsHomeCard } from '@/features/boards/tab-cards'
import { ReportsHomeCard } from '@/features/reports/tab-cards'
import { MailboxHomeCard } from '@/features/mailbox/tab-cards'
import { AffairsHomeCard } from '@/features/affairs/tab-cards'

/** 首页: the village, the rules to agree to, its figures and what waits for me; or how to join one. */
export default function HomePage() {
  return (
    <AccountTab>
      {(me, membership) => (
        <>
          {!membership ? (
            <>
              <JoinPrompt />
              <JoinRequestsStatus requests={me.requests} />
            </>
          ) : (
            <>
              <WelcomeCard membership={membership} />
              <RulesHomeCard villageId={membership.villageId} />
              <AffairsHomeCard membership={membership} />
              <BoardsHomeCard membership={membership} />
              <ReportsHomeCard membership={membership} />
              <MailboxHomeCard membership={membership} />
              <VillageOverviewCards membership={membership} />
              <UnreadCard me={me} />
              <JoinRequestsStatus requests={me.requests.filter((r) => r.status !== 'approved')} />
            </>
          )}
          <SwitchVillageButton me={me} />
        </>
      )}
    </AccountTab>
  )
}
