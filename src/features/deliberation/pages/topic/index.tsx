import { Loading, Page } from '@/shared/ui'

/** placeholder until the page lands */
export default function Placeholder() {
  return (
    <Page>
      <Loading />
    </Page>
  )
}
