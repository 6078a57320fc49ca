/**
 * The browser's watchOutbox (Taro's build takes this file for h5): the outbox, and the toasts and dialogs it
 * shows, load in a chunk of their own once the page has loaded and the browser is idle (the first page's code has
 * run and its content is drawn by then, within 2 s at the latest), so that neither the first script every page waits
 * for nor the first page's own requests and drawing share the way with it.
 */
export function watchOutbox(): void {
  const start = () => void import('./outbox').then((m) => m.watchOutbox())
  const whenIdle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 1000))
  if (document.readyState === 'complete') whenIdle()
  else window.addEventListener('load', whenIdle, { once: true })
}
