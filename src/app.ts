import type { PropsWithChildren } from 'react'
import './app.scss'
import { registerPrivacyCheck } from './shared/privacy/privacy'

// before any page can ask for photos, the camera or the clipboard
registerPrivacyCheck()

/** The app shell: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  return children
}

export default App
