/**
 * The app starts the outbox with this (src/app.ts). In WeChat it is the outbox's own watchOutbox; the browser
 * build takes watch-outbox.h5.ts instead, which loads the outbox once the page has loaded.
 */
export { watchOutbox } from './outbox'
