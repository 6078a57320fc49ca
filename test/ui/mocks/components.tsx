/** @tarojs/components as plain DOM elements, so React Testing Library can find things by their text. */
import React from 'react'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- stands in for every component's props
type P = Record<string, any> & { children?: React.ReactNode }
/** what reaches the DOM: the look, the click, and what a screen reader and the keyboard use (role, aria-*, tabIndex) */
const pass = ({ id, className, style, children, onClick, role, tabIndex, ...rest }: P) => ({
  id,
  className,
  style,
  children,
  onClick,
  role,
  tabIndex,
  ...Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('aria-'))),
})

export const View = (p: P) => <div {...pass(p)} />
export const Text = (p: P) => <span {...pass(p)} />
export const ScrollView = View
export const Image = ({ src, className }: P) => <img src={src} className={className} alt='' />
export const Button = ({ disabled, ...p }: P) => <button type='button' disabled={disabled} {...pass(p)} />
const detail = (value: unknown) => ({ detail: { value } })
export const Input = ({ value, placeholder, onInput, className }: P) => (
  <input className={className} value={value} placeholder={placeholder} onChange={(e) => onInput?.(detail(e.target.value))} />
)
export const Textarea = ({ value, placeholder, onInput, className }: P) => (
  <textarea className={className} value={value} placeholder={placeholder} onChange={(e) => onInput?.(detail(e.target.value))} />
)
export const Switch = ({ checked, onChange }: P) => <input type='checkbox' role='switch' checked={checked} onChange={(e) => onChange?.(detail(e.target.checked))} />
/** the picker's children show the value; a plain input stands for WeChat's wheel (type the picked value) */
export const Picker = ({ children, value, mode, onChange }: P) => (
  <div className='picker'>
    {children}
    <input aria-label={`picker-${mode ?? 'selector'}`} value={value ?? ''} onChange={(e) => onChange?.(detail(e.target.value))} />
  </div>
)
