import Taro from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { CallError, errorMessage } from './call'

export interface MutationOptions<A extends unknown[], R> {
  /** a success toast: its text (or nothing), from the result and the arguments */
  success?: string | ((result: R, ...args: A) => string | undefined)
  /** after success, still busy while it runs (e.g. a reload), so the button cannot be tapped again meanwhile */
  onSuccess?: (result: R, ...args: A) => unknown
  /** the message to show for this failure instead of the server's; null when the caller shows it itself */
  onError?: (e: unknown, ...args: A) => string | null | undefined | void
}

export interface Mutation<A extends unknown[], R> {
  /** calls once; a tap while a call is in flight does nothing. The result, or undefined when it failed or did not run */
  run: (...args: A) => Promise<R | undefined>
  busy: boolean
  /** the arguments of the call in flight: which of several buttons shows that it is busy */
  pending: A | null
  /** why the last call failed, in words a villager understands */
  error: string | null
  /** the server's reasons by field (a refused form) */
  fieldErrors: Record<string, string>
  /** the person edited this field: its reason goes */
  clearField: (key: string) => void
  /** shows a message without calling, e.g. a check before sending */
  fail: (message: string) => void
  reset: () => void
}

const NO_FIELDS: Record<string, string> = {}

/** One backend action behind a button: busy while it runs, once per tap, its error and field errors, an optional toast. */
export function useMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>, options: MutationOptions<A, R> = {}): Mutation<A, R> {
  const [pending, setPending] = useState<A | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fieldErrors, setFieldErrors] = useState(NO_FIELDS)
  // state updates land after the tap's handler: the ref refuses a second tap at once
  const inFlight = useRef(false)
  const latest = useRef({ fn, options })
  latest.current = { fn, options }

  const clearField = useCallback((key: string) => setFieldErrors(({ [key]: _gone, ...rest }) => rest), [])
  const reset = useCallback(() => {
    setError(null)
    setFieldErrors(NO_FIELDS)
  }, [])

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    if (inFlight.current) return undefined
    inFlight.current = true
    const { fn: call, options: o } = latest.current
    setPending(args)
    setError(null)
    setFieldErrors(NO_FIELDS)
    try {
      const result = await call(...args)
      const toast = typeof o.success === 'function' ? o.success(result, ...args) : o.success
      if (toast) Taro.showToast({ title: toast, icon: 'success' })
      await o.onSuccess?.(result, ...args)
      return result
    } catch (e) {
      if (e instanceof CallError && e.fields) setFieldErrors(e.fields)
      const message = o.onError?.(e, ...args)
      setError(message === null ? null : message ?? errorMessage(e))
      return undefined
    } finally {
      inFlight.current = false
      setPending(null)
    }
  }, [])

  return { run, busy: pending !== null, pending, error, fieldErrors, clearField, fail: setError, reset }
}
