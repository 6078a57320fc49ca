/**
 * Boot calls (browser build only): index.html starts the first page's calls while the app's scripts are still
 * downloading (./preload-route.ts writes the script), and the local transport (src/shared/api/local-transport.ts)
 * takes their answers when the app makes the same calls, instead of asking only once its scripts have run. Plain
 * data, no imports: the build reads it, and the client imports it (config/index.ts compiles it like src/).
 */

/** the storage key of the demo identity the browser build acts as (src/shared/api/identity.ts) */
export const DEMO_OPENID_KEY = 'vh.demoOpenid'
/** the storage key of the village the person acts in (src/features/account/store.ts) */
export const CURRENT_VILLAGE_KEY = 'vh.currentVillage'

/** answers older than this are not served (the app asks again): only a page's first moments use them */
export const BOOT_FRESH_MS = 10_000

export interface BootCall {
  action: string
  /** each input field from a storage key (Taro's storage: `{"data": …}` in localStorage); an unset key leaves it out */
  input: Record<string, string>
  /** fields without which the call is not made early (the app decides then) */
  needs?: string[]
}

/** what index.html leaves on `window.__vhBoot`: when it asked, and each answer's JSON by `${action} ${JSON body}` */
export interface BootAnswers {
  at: number
  answers: Record<string, Promise<unknown> | undefined>
}

/** the calls each route's page makes first */
export const BOOT_CALLS: Record<string, BootCall[]> = {
  // 首页 (src/features/account/store.ts, loadHomeEarly): the account with the village's figures, and 待办 of the
  // village the app last acted in beside it
  'pages/home/index': [
    { action: 'home.open', input: { villageId: CURRENT_VILLAGE_KEY } },
    { action: 'account.todo', input: { villageId: CURRENT_VILLAGE_KEY }, needs: ['villageId'] },
  ],
}
