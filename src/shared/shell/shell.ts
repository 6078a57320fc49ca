/**
 * The browser build's shell around the pages (title bar, keyboard, 长辈模式 for what Taro draws outside
 * them): see shell.h5.ts, which Taro's build takes instead of this file for h5. In WeChat, WeChat draws
 * the title bar, dialogs and toasts itself (the tab bar is the app's own, src/custom-tab-bar), so there is nothing to do.
 */
export function installShell(): void {}
