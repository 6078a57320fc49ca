import { ErrorState, Skeleton } from '@/shared/ui'
import { useAccount } from '../store'

/** What a page shows until the account has loaded: a skeleton, or why it failed with a retry. */
export function AccountPending() {
  const { error, load } = useAccount()
  return error ? <ErrorState message={error} onRetry={load} /> : <Skeleton />
}
