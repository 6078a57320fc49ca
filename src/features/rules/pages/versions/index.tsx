import { Page, Loading } from '@/shared/ui'

export default function Placeholder() {
  return (
    <Page>
      <Loading />
    </Page>
  )
}
