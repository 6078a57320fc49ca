import { Fragment, useEffect, useState } from 'react'
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
 * true once the first screen has been drawn: what lies below it (the features' cards, each asking for its own data)
 * renders after, so that the first screen is not kept waiting for them
 */
function useFirstScreenDrawn(): boolean {
  const [drawn, setDrawn] = useState(false)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const after = () => (timer = setTimeout(() => setDrawn(true), 0))
    // the browser: after the next frame; WeChat's logic layer has no frames: after the first render is sent
    const frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(after) : (after(), undefined)
    return () => {
      if (frame !== undefined) cancelAnimationFrame(frame)
      clearTimeout(timer)
    }
  }, [])
  return drawn
}

/**
 * 首页: the village and its figures, what waits for me (and for my role) with counts, then the features' cards (the
 * rules to agree to, notices, boards, reports, the mailbox); or how to join one. Every card reloads when the page is
 * shown again; pulling down reloads them all.
 */
export default function HomePage() {
  const [round, setRound] = useState(0)
  const drawn = useFirstScreenDrawn()
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
              <VillageOverviewCards membership={membership} />
              <UnreadCard me={me} />
              <TodoCard membership={membership} />
              {drawn && (
                <>
                  <RulesHomeCard villageId={membership.villageId} />
                  <AffairsHomeCard membership={membership} />
                  <BoardsHomeCard membership={membership} />
                  <ReportsHomeCard membership={membership} />
                  <MailboxHomeCard membership={membership} />
                </>
              )}
              <JoinRequestsStatus requests={me.requests.filter((r) => r.status !== 'approved')} />
            </Fragment>
          )}
          <SwitchVillageButton me={me} />
        </>
      )}
    </AccountTab>
  )
}
