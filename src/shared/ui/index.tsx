/**
 * The small UI kit every page uses: page frame (长辈模式), cards, buttons, choices, switches, and the three states.
 * Every control carries its role, state and focus here (h5: a screen reader names it, Tab reaches it and
 * Enter/Space work it, see ../shell), so a page gets them by using the kit.
 */
import { Input, Button as TaroButton, Text, Textarea, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState, type ReactNode } from 'react'
import { useTheme } from '../theme'
import { PrivacyPopup } from '../privacy/privacy-popup'
import { TabBar } from '../tab-bar/tab-bar'
import { useTabBar, type TabKey } from '../tab-bar/store'
import './ui.scss'

/**
 * Reachable by Tab in the browser (WeChat keeps its own focus order and ignores it). A spread, because
 * Taro's component types do not list tabIndex.
 */
export const focusable = (on = true): object => ({ tabIndex: on ? 0 : -1 })

/**
 * For a tappable element that is not a kit control (a card, a list line, a small text action): it becomes a
 * button to screen readers, Tab reaches it, Enter/Space work it. Nothing at all without a handler.
 */
export const pressable = (onClick: (() => unknown) | undefined): object => (onClick ? { onClick, role: 'button', ...focusable() } : {})

/**
 * Every page's frame. A tab page names its tab: the tab bar marks it (WeChat draws the app's tab bar,
 * src/custom-tab-bar, one per tab page, told here which tab is shown; the browser's is drawn here, as Taro's
 * h5 build has no custom tab bar).
 */
export function Page({ children, className, tab }: { children: ReactNode; className?: string; tab?: TabKey }) {
  const elder = useTheme((s) => s.elder)
  useDidShow(() => {
    if (tab) useTabBar.getState().select(tab)
  })
  return (
    <View className={`vh-page ${elder ? 'vh-elder' : ''} ${tab ? 'vh-page--tab' : ''} ${className ?? ''}`}>
      <ElderOffer />
      {children}
      <PrivacyPopup />
      {tab && process.env.TARO_ENV === 'h5' && <TabBar current={tab} />}
    </View>
  )
}

/** Asked once, on the first open of the app, wherever it opens: big type for those who want it. */
function ElderOffer() {
  const { offer, setElder, declineOffer } = useTheme()
  if (!offer) return null
  return (
    <View className='vh-card vh-offer' role='region' aria-label='长辈模式'>
      <Text className='vh-offer__title'>字太小？试试长辈模式</Text>
      <Text className='vh-muted vh-block'>字更大，按钮更大，更好点。以后可以在「我的」里关掉。</Text>
      <View className='vh-offer__actions'>
        <Button kind='primary' onClick={() => setElder(true)}>
          打开长辈模式
        </Button>
        <Button kind='plain' onClick={declineOffer}>
          不用了
        </Button>
      </View>
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
  loadingText,
  block,
  label,
  pressed,
}: {
  children: ReactNode
  onClick?: () => void
  kind?: ButtonKind
  disabled?: boolean
  loading?: boolean
  /** what it says while loading, e.g. how far a long export has come (else 请稍候…) */
  loadingText?: string
  block?: boolean
  /** the name a screen reader says, when the text alone does not say it (e.g. 删除 → 删除第2条) */
  label?: string
  /** a toggle button: whether it is on (aria-pressed) */
  pressed?: boolean
}) {
  const off = Boolean(disabled || loading)
  return (
    <TaroButton
      className={`vh-btn vh-btn--${kind} ${block ? 'vh-btn--block' : ''} ${off ? 'vh-btn--disabled' : ''}`}
      // only when true: h5 renders disabled={false} as a present attribute
      disabled={off || undefined}
      onClick={off ? undefined : onClick}
      // h5 draws <taro-button-core>, not a <button>: say what it is and let Tab reach it
      {...{ role: 'button' }}
      aria-disabled={off || undefined}
      aria-busy={loading || undefined}
      aria-label={label}
      aria-pressed={pressed}
      {...focusable(!off)}
    >
      {loading ? (loadingText ?? '请稍候…') : children}
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
    <View className={`vh-row ${onClick ? 'vh-row--link' : ''}`} onClick={onClick} {...(onClick ? { role: 'button', ...focusable() } : {})}>
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

/**
 * 加载更多 under a list read a page at a time: the button while there is a next page, else `end` (所有的都已列出);
 * below it the error of the last try, if it failed (what was loaded stays).
 */
export function LoadMore({ more, busy, error, onLoad, end }: { more: boolean; busy: boolean; error?: string | null; onLoad: () => void; end?: ReactNode }) {
  return (
    <>
      {more ? (
        <Button kind='plain' block loading={busy} onClick={onLoad}>
          加载更多
        </Button>
      ) : (
        (end ?? null)
      )}
      <Alert message={error} />
    </>
  )
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
  // h5 draws the <input> inside Taro's element: the label must name that one (a screen reader, axe)
  // (only without a placeholder: with one, the placeholder names it, as the e2e suites find boxes by it)
  const named = placeholder ? undefined : { 'aria-label': label }
  return (
    <Field label={label} error={shownError}>
      {multiline ? (
        <Textarea className={cls} value={value} placeholder={placeholder} maxlength={maxlength} autoHeight nativeProps={named} onInput={(e) => onChange(e.detail.value)} />
      ) : (
        <Input className={cls} value={value} placeholder={placeholder} maxlength={maxlength} nativeProps={named} onInput={(e) => onChange(e.detail.value)} />
      )}
    </Field>
  )
}

/**
 * One of a set of choices (a chip): `radio` picks one of the group, `checkbox` any of them, `toggle` a
 * filter button. Screen readers hear which is selected; Tab reaches each and Enter/Space picks it.
 * Put them in a <Choices> (the group and its name).
 */
export function Choice({
  on,
  onClick,
  kind = 'radio',
  disabled,
  className = 'vh-chip',
  onClassName = 'vh-chip--on',
  label,
  children,
}: {
  on: boolean
  onClick?: () => void
  kind?: 'radio' | 'checkbox' | 'toggle'
  disabled?: boolean
  /** the look: a chip unless given (e.g. a ballot's big 赞成 button) */
  className?: string
  onClassName?: string
  /** the name a screen reader says, when the text is a symbol (★) */
  label?: string
  children: ReactNode
}) {
  const state = kind === 'toggle' ? { role: 'button', 'aria-pressed': on } : { role: kind, 'aria-checked': on }
  return (
    <View
      className={`${className} ${on ? onClassName : ''} ${disabled ? 'vh-chip--disabled' : ''}`}
      onClick={disabled ? undefined : onClick}
      {...state}
      aria-label={label}
      aria-disabled={disabled || undefined}
      {...focusable(!disabled)}
    >
      {children}
    </View>
  )
}

/** A row of choices with the group's name (radiogroup for one-of, group otherwise). */
export function Choices({ label, kind = 'radio', className = 'vh-chips', children }: { label: string; kind?: 'radio' | 'checkbox' | 'toggle'; className?: string; children: ReactNode }) {
  return (
    <View className={className} role={kind === 'radio' ? 'radiogroup' : 'group'} aria-label={label}>
      {children}
    </View>
  )
}

/**
 * A labelled on/off line: the whole line is the switch (a big target), named by its label, drawn in em so
 * that it grows with 长辈模式 (WeChat's and the browser's own switches stay 52×32).
 */
export function SwitchRow({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled?: boolean; onChange: (on: boolean) => void }) {
  return (
    <View
      className={`vh-row vh-switch-row ${disabled ? 'vh-switch-row--disabled' : ''}`}
      role='switch'
      aria-checked={checked}
      aria-label={label}
      aria-disabled={disabled || undefined}
      onClick={disabled ? undefined : () => onChange(!checked)}
      {...focusable(!disabled)}
    >
      <Text className='vh-row__label'>{label}</Text>
      <View className={`vh-switch ${checked ? 'vh-switch--on' : ''}`}>
        <View className='vh-switch__knob' />
      </View>
    </View>
  )
}
