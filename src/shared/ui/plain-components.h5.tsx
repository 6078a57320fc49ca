/** View and Text in the browser as plain elements (see ./taro-components.h5.tsx) */
import { createElement, forwardRef, type HTMLAttributes, type ReactNode } from 'react'

type Props = HTMLAttributes<HTMLElement> & { children?: ReactNode }

export const View = forwardRef<HTMLDivElement, Props>(function View(props, ref) {
  return createElement('div', { ...props, ref })
})

/** Taro's Text: not selectable unless asked (`selectable`, or WeChat's `userSelect`), as in WeChat (shell.h5.scss) */
export const Text = forwardRef<HTMLSpanElement, Props & { selectable?: boolean; userSelect?: boolean; space?: string }>(function Text(
  { selectable, userSelect, space: _space, className, ...props },
  ref,
) {
  const cls = `vh-text${selectable || userSelect ? ' vh-text--select' : ''}${className ? ` ${className}` : ''}`
  return createElement('span', { ...props, className: cls, ref })
})
