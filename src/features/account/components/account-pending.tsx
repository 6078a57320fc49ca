import { ErrorState, Loading } from '@/shared/ui'
import { useAccount } from '../store'

/** What a page shows until the account has loaded: a spinner, or why it failed with a retry. */
export function AccountPending() {
  const { error, load } = useAccount()
  return error ? <ErrorState message={error} onRetry={load} /> : <Loading />
}
