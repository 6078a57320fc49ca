import { Fragment, useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { TodoCard } from '@/features/account/components/todo-card'
import { useAccount } from '@/features/account/store'
import { JoinRequestsStatus } from '@/features/account/components/join-requests-status'
import { AccountTab, SwitchVillageButton, UnreadCard, VillageOverviewCards, WelcomeCard } from '@/features/account/tab-cards'
import { RulesHomeCard } from '@/features/rules/tab-cards'
import { BoardsHomeCard } from '@/features/boards/tab-cards'
import { ReportsHomeCard } from '@/features/reports/tab-cards'
import { MailboxHomeCard } from '@/features/mailbox/tab-cards'
import { AffairsHomeCard } from '@/features/affairs/tab-cards'

/**
 * 首页: the village, what waits for me (and for my role) with counts, the rules to agree to, its figures;
 * or how to join one. Every card reloads when the page is shown again; pulling down reloads them all.
 */
export default function HomePage() {
  const [round, setRound] = useState(0)
  usePullDownRefresh(() => {
    // a new key remounts the cards, so each loads afresh
    setRound((r) => r + 1)
    void useAccount.getState().load({ home: true }).finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <AccountTab tab='home'>
      {(me, membership) => (
        <>
          {!membership ? (
            <>
              <JoinPrompt />
              <JoinRequestsStatus requests={me.requests} />
            </>
          ) : (
            <Fragment key={round}>
              <WelcomeCard membership={membership} />
              <TodoCard membership={membership} />
              <RulesHomeCard villageId={membership.villageId} />
              <AffairsHomeCard membership={membership} />
              <BoardsHomeCard membership={membership} />
              <ReportsHomeCard membership={membership} />
              <MailboxHomeCard membership={membership} />
              <VillageOverviewCards membership={membership} />
              <UnreadCard me={me} />
              <JoinRequestsStatus requests={me.requests.filter((r) => r.status !== 'approved')} />
            </Fragment>
          )}
          <SwitchVillageButton me={me} />
        </>
      )}
    </AccountTab>
  )
}
