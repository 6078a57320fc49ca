import { Page, Empty } from '@/shared/ui'
import { JoinPrompt } from '@/features/account/components/join-prompt'
import { useCurrentMembership } from '@/features/account/store'
import { useAccountOnShow } from '@/features/account/use-account-on-show'
import { AccountPending } from '@/features/account/components/account-pending'

/** 议事: the village's topics. Until the committee posts one, it says so plainly. */
export default function TopicsPage() {
  const account = useAccountOnShow()
  const membership = useCurrentMembership()
  if (!account.me) return <Page><AccountPending /></Page>
  return (
    <Page>
      {membership ? (
        <Empty text={`${membership.village.name}还没有议题。村（居）委会发布议题后，您可以在这里投票、发表意见。`} />
      ) : (
        <JoinPrompt text='加入您所在的村（社区）后，就可以参与村里的议事和表决。' />
      )}
    </Page>
  )
}
