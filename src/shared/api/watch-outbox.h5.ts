/**
 * The browser's watchOutbox (Taro's build takes this file for h5): the outbox, and the toasts and dialogs it
 * shows, load in a chunk of their own once the page has loaded (the first page's code is fetched and run by then),
 * so that neither the first script every page waits for nor the first page's own requests share the way with it.
 */
export function watchOutbox(): void {
  const start = () => void import('./outbox').then((m) => m.watchOutbox())
  if (document.readyState === 'complete') start()
  else window.addEventListener('load', start, { once: true })
}
