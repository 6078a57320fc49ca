import { ErrorState, Skeleton } from '@/shared/ui'
import { useAccount } from '../store'

/** What a page shows until the account has loaded: a skeleton, or why it failed with a retry (首页's with its figures). */
export function AccountPending({ home = false }: { home?: boolean }) {
  const { error, load } = useAccount()
  return error ? <ErrorState message={error} onRetry={() => void load({ home })} /> : <Skeleton />
}
