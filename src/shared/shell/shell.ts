/**
 * The browser build's shell around the pages (title bar, keyboard, 长辈模式 for what Taro draws outside
 * them): see shell.h5.ts, which Taro's build takes instead of this file for h5. In WeChat, WeChat draws
 * the title bar, tab bar, dialogs and toasts itself, so there is nothing to do.
 */
export function installShell(): void {}
