/** The small UI kit every page uses: page frame (长辈模式), cards, buttons, and the three states. */
import { Input, Button as TaroButton, Text, Textarea, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { useTheme } from '../theme'
import { PrivacyPopup } from '../privacy/privacy-popup'
import './ui.scss'

export function Page({ children, className }: { children: ReactNode; className?: string }) {
  const elder = useTheme((s) => s.elder)
  return (
    <View className={`vh-page ${elder ? 'vh-elder' : ''} ${className ?? ''}`}>
      {children}
      <PrivacyPopup />
    </View>
  )
}

export function Card({ title, extra, children }: { title?: ReactNode; extra?: ReactNode; children?: ReactNode }) {
  return (
    <View className='vh-card'>
      {(title || extra) && (
        <View className='vh-card__head'>
          <Text className='vh-card__title'>{title}</Text>
          {extra}
        </View>
      )}
      {children}
    </View>
  )
}

type ButtonKind = 'primary' | 'default' | 'danger' | 'plain'
export function Button({
  children,
  onClick,
  kind = 'default',
  disabled,
  loading,
  block,
}: {
  children: ReactNode
  onClick?: () => void
  kind?: ButtonKind
  disabled?: boolean
  loading?: boolean
  block?: boolean
}) {
  return (
    <TaroButton
      className={`vh-btn vh-btn--${kind} ${block ? 'vh-btn--block' : ''} ${disabled || loading ? 'vh-btn--disabled' : ''}`}
      // only when true: h5 renders disabled={false} as a present attribute
      disabled={disabled || loading || undefined}
      onClick={disabled || loading ? undefined : onClick}
    >
      {loading ? '请稍候…' : children}
    </TaroButton>
  )
}

export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='vh-state' role='status'>
      <Text>{text}</Text>
    </View>
  )
}

/**
 * Grey bars in the shape of a list while it loads: the page keeps its layout instead of jumping when the data
 * comes (weak networks), and a screen reader hears 正在加载.
 */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <View className='vh-skeleton' role='status'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='vh-skeleton__item'>
          <View className='vh-skeleton__bar vh-skeleton__bar--title' />
          <View className='vh-skeleton__bar' />
          <View className='vh-skeleton__bar vh-skeleton__bar--short' />
        </View>
      ))}
      <Text className='vh-skeleton__label'>正在加载…</Text>
    </View>
  )
}

export function Empty({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <View className='vh-state'>
      <Text className='vh-state__text'>{text}</Text>
      {action}
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='vh-state vh-state--error' role='alert'>
      <Text className='vh-state__text'>{message}</Text>
      {onRetry && <Button onClick={onRetry}>重试</Button>}
    </View>
  )
}

/** Loading (a skeleton), error and empty in one place, so that no page forgets one of them. */
export function Async<T>({
  query,
  empty,
  isEmpty,
  children,
}: {
  query: { data: T | undefined; loading: boolean; error: string | null; reload: () => unknown }
  empty?: ReactNode
  isEmpty?: (data: T) => boolean
  children: (data: T) => ReactNode
}) {
  if (query.error && query.data === undefined) return <ErrorState message={query.error} onRetry={() => void query.reload()} />
  if (query.data === undefined) return <Skeleton />
  if (isEmpty?.(query.data)) return <>{empty}</>
  return <>{children(query.data)}</>
}

export function Tag({ children, tone = 'default' }: { children: ReactNode; tone?: 'default' | 'red' | 'green' | 'gold' | 'grey' }) {
  return <Text className={`vh-tag vh-tag--${tone}`}>{children}</Text>
}

export function Row({ label, children, onClick }: { label: ReactNode; children?: ReactNode; onClick?: () => void }) {
  return (
    <View className={`vh-row ${onClick ? 'vh-row--link' : ''}`} onClick={onClick}>
      <Text className='vh-row__label'>{label}</Text>
      <View className='vh-row__value'>{children}</View>
      {onClick && <Text className='vh-row__arrow'>›</Text>}
    </View>
  )
}

/** A form's or an action's failure, read out as an alert. */
export function Alert({ message, className }: { message?: string | null; className?: string }) {
  return message ? (
    <View className={`vh-field-error ${className ?? ''}`} role='alert'>
      {message}
    </View>
  ) : null
}

export function FieldError({ message }: { message?: string }) {
  return message ? <Text className='vh-field-error'>{message}</Text> : null
}

/** A labelled form field with its error below: every form in the app is a column of these. */
export function Field({ label, error, children }: { label?: string; error?: string; children: ReactNode }) {
  return (
    <View className='vh-field'>
      {label && <Text className='vh-field__label'>{label}</Text>}
      {children}
      <FieldError message={error} />
    </View>
  )
}

/**
 * A field's error shows until the person edits the field: it goes as they fix it, without waiting for
 * the page to clear it (a new error, e.g. after the next send, shows again).
 */
export function useErrorUntilEdited(error: string | null | undefined, value: string): string | undefined {
  const [seen, setSeen] = useState({ error, value })
  // adjusting state while rendering (React's documented pattern): the value the error was about
  if (seen.error !== error) setSeen({ error, value })
  return error && (seen.error !== error || seen.value === value) ? error : undefined
}

/** A labelled text box (one line, or `multiline` growing with its text) with its error below. */
export function TextField({
  label,
  value,
  placeholder,
  maxlength,
  error,
  multiline,
  className,
  onChange,
}: {
  label: string
  value: string
  placeholder?: string
  maxlength: number
  error?: string | null
  multiline?: boolean
  /** extra class for the box, e.g. a minimum height */
  className?: string
  onChange: (value: string) => void
}) {
  const cls = `vh-field__input ${className ?? ''}`
  const shownError = useErrorUntilEdited(error, value)
  return (
    <Field label={label} error={shownError}>
      {multiline ? (
        <Textarea className={cls} value={value} placeholder={placeholder} maxlength={maxlength} autoHeight onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className={cls} value={value} placeholder={placeholder} maxlength={maxlength} onInput={(e) => onChange(e.detail.value)} />
      )}
    </Field>
  )
}
