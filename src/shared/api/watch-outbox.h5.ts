/**
 * The browser's watchOutbox (Taro's build takes this file for h5): the outbox, and the toasts and dialogs it
 * shows, load in a chunk of their own beside the first page, so the first script every page waits for is smaller.
 */
export function watchOutbox(): void {
  void import('./outbox').then((m) => m.watchOutbox())
}
