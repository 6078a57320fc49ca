/**
 * The browser build's `@tarojs/components` (aliased in config/index.ts): Taro's own React bindings for every component,
 * except View and Text, which render a plain <div> and <span>.
 *
 * Taro draws each component in the browser as a Stencil web component (<taro-view-core>): a custom element with a
 * React wrapper, attached props and a lifecycle flushed on the next frame. A page is mostly View and Text (首页's
 * first screen: 66 of 70 elements), and creating them was most of its render, plus a frame of Stencil work before
 * anything showed. The app uses none of what those two add in the browser (hover-class, touch handling), so plain
 * elements draw the same page. Interactive components (Button, Input, Textarea, Picker, Image, Map) stay Taro's.
 * WeChat is not concerned: there the components are the mini-program's own.
 */
// Only re-exports here: Taro's build drops this module's imports that are not components it saw used
// (TaroComponentsExportsPlugin), so View and Text are made in ./plain-components.h5.tsx
export * from '@tarojs/components/lib/react'
export { Text, View } from './plain-components.h5'
