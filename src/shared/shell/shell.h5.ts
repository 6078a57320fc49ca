/**
 * The browser build's shell (Taro takes this file instead of shell.ts for h5). Taro draws some things
 * outside the React pages: the title bar, showModal's dialog and showToast's toast (the tab bar is the app's own). This
 * gives them what the pages get from the UI kit: names and roles for screen readers, keyboard use, and
 * 长辈模式's sizes (a class on <html>, see shell.h5.scss).
 */
import { useTheme } from '../theme'
import './shell.h5.scss'

/** custom controls (a role on a non-native element) that Enter and Space work, as on a real <button> */
const ACTIVATED = new Set(['button', 'switch', 'radio', 'checkbox', 'tab', 'link', 'menuitem', 'option'])
const NATIVE = new Set(['BUTTON', 'INPUT', 'TEXTAREA', 'SELECT', 'A'])

function activateByKeyboard(e: KeyboardEvent) {
  if ((e.key !== 'Enter' && e.key !== ' ') || e.altKey || e.ctrlKey || e.metaKey) return
  const el = e.target instanceof HTMLElement ? e.target : null
  if (!el || NATIVE.has(el.tagName) || el.isContentEditable) return
  if (!ACTIVATED.has(el.getAttribute('role') ?? '') || el.getAttribute('aria-disabled') === 'true') return
  e.preventDefault() // Space would scroll the page
  el.click()
}

function makeButton(el: Element | null | undefined, label: string) {
  if (!el) return
  el.setAttribute('role', 'button')
  el.setAttribute('aria-label', label)
  el.setAttribute('tabindex', '0')
  el.querySelector('svg')?.setAttribute('aria-hidden', 'true')
}

/**
 * Taro's own h5 title bar (window.navigationStyle 'default'): the page's navigationBarTitleText, 返回 when
 * there is a page to go back to, 首页 on every page but the tab pages (shell.h5.scss shows both), so a link
 * opened in a new tab is never a dead end. Taro builds it as bare <div>s: name them.
 */
function enhanceTitleBar(): boolean {
  const bar = document.getElementById('taro-navigation-bar')
  if (!bar) return false
  bar.setAttribute('role', 'banner')
  makeButton(bar.querySelector('.taro-navigation-bar-back'), '返回上一页')
  makeButton(bar.querySelector('.taro-navigation-bar-home'), '回到首页')
  bar.querySelector('.taro-navigation-bar-loading')?.setAttribute('aria-hidden', 'true')
  const title = bar.querySelector('.taro-navigation-bar-title')
  title?.setAttribute('role', 'heading')
  title?.setAttribute('aria-level', '1')
  return true
}

/**
 * Taro builds the title bar with the app and gives it the page's title only once the page's code has loaded: until
 * then it shows the app's name (the document's title), as WeChat's own bar does while a page loads, so that the
 * first screen has its words without waiting for the page.
 */
function nameTitleBarUntilThePageDoes() {
  const fill = () => {
    const title = document.querySelector('#taro-navigation-bar .taro-navigation-bar-title')
    if (title && !title.textContent) title.textContent = document.title
    return !!title
  }
  if (fill()) return
  const watch = new MutationObserver(() => fill() && watch.disconnect())
  watch.observe(document.body, { childList: true, subtree: true })
}

/** showModal's dialog and showToast's toast, as Taro appends them to <body> */
function enhanceOverlay(node: Node) {
  if (!(node instanceof HTMLElement)) return
  if (node.classList.contains('taro__modal')) {
    const box = node.querySelector('.taro-modal__content')
    const title = node.querySelector('.taro-modal__title')
    box?.setAttribute('role', 'alertdialog')
    box?.setAttribute('aria-modal', 'true')
    if (title) {
      title.id = 'vh-modal-title'
      box?.setAttribute('aria-labelledby', title.id)
    }
    node.querySelectorAll('.taro-model__btn').forEach((b) => (b.setAttribute('role', 'button'), b.setAttribute('tabindex', '0')))
    // the person's answer is awaited: put the keyboard on it (the confirm button)
    const confirm = node.querySelector<HTMLElement>('.taro-model__confirm')
    setTimeout(() => confirm?.focus(), 0)
  } else if (node.classList.contains('taro__toast')) {
    node.setAttribute('role', 'status')
    node.setAttribute('aria-live', 'polite')
  }
}

/**
 * A page is Taro's scrolling box: let the keyboard reach it (then the arrow keys scroll it), also where the
 * page has nothing else to focus (a long text, a map).
 */
function scrollableByKeyboard(node: Node) {
  if (node instanceof HTMLElement && node.classList.contains('taro_page') && !node.hasAttribute('tabindex')) node.setAttribute('tabindex', '0')
}

let installed = false
export function installShell(): void {
  if (installed || typeof document === 'undefined') return
  installed = true
  document.addEventListener('keydown', activateByKeyboard)
  nameTitleBarUntilThePageDoes()

  const elder = (on: boolean) => document.documentElement.classList.toggle('vh-elder-root', on)
  elder(useTheme.getState().elder)
  useTheme.subscribe((s) => elder(s.elder))

  // the title bar is built right after the app module loads; the overlays come and go (Taro reuses them)
  const tryBar = (left: number) => {
    const router = document.querySelector('.taro_router')
    if (!enhanceTitleBar() || !router) {
      if (left > 0) setTimeout(() => tryBar(left - 1), 50)
      return
    }
    router.childNodes.forEach(scrollableByKeyboard)
    new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(scrollableByKeyboard))).observe(router, { childList: true })
  }
  setTimeout(() => tryBar(40), 0)
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(enhanceOverlay))).observe(document.body, { childList: true })
}
