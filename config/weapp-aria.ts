/**
 * What a screen reader in WeChat needs on the components the UI kit draws: WeChat reads `aria-role`,
 * `aria-label`, `aria-checked`… on <view>, <text> and <button> (its aria-component reference), but Taro's
 * weapp templates carry none of them, so the roles and names the kit gives for the browser never reach
 * WeChat. This table adds them to Taro's component list twice, in the same order: at build time to the
 * templates (config/index.ts, where a `role` becomes WeChat's `aria-role`) and at run time to the runtime's
 * alias table (src/app.ts), so that a prop such as aria-label lands in the attribute the template reads.
 * Pure data, here beside the build config that loads it (the app's weapp bundle compiles it too, see
 * compileInclude). '' = no default value.
 */
const ARIA = {
  role: '',
  'aria-label': '',
  'aria-checked': '',
  'aria-selected': '',
  'aria-disabled': '',
  'aria-hidden': '',
  'aria-valuemin': '',
  'aria-valuemax': '',
  'aria-valuenow': '',
} as const

export const WEAPP_ARIA: Record<'View' | 'Text' | 'Button', Record<string, string>> = {
  View: { ...ARIA },
  // a <text> is only ever made a button (pressable() in the kit): each attribute here is repeated in every
  // level of Taro's base.wxml, which the main package carries
  Text: { role: '' },
  // WeChat's <button> is a button already: its name, when the text alone does not say it
  Button: { 'aria-label': '', 'aria-disabled': '' },
}

/** the template attribute for a prop: WeChat calls the role `aria-role` (the browser's `role`) */
export const weappAttrName = (prop: string): string => (prop === 'role' ? 'aria-role' : prop)
