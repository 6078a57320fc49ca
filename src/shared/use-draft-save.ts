import Taro from '@tarojs/taro'
import type { MutableRefObject } from 'react'
import { useEffect, useState } from 'react'
import { CallError, errorMessage } from '@/shared/api/call'
import { useMutation } from '@/shared/api/use-mutation'

type Errors = Record<string, string>

/** WeChat asks before the back button leaves unsaved edits behind. */
export function useLeaveGuard(dirty: boolean, message: string) {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    if (dirty) Taro.enableAlertBeforeUnload({ message })
    else Taro.disableAlertBeforeUnload()
  }, [dirty, message])
}

export type DraftAction = 'save' | 'publish' | 'discard'

/**
 * Saving a committee draft (议题, 村规民约): the form is checked here first, then `send` saves it;
 * a refusal keeps the form and shows the reasons beside the fields (`keyErrors` maps the server's
 * field paths to the form's keys) and above the buttons. `onSave` is the 保存草稿 button;
 * `run(action, body)` runs the editor's 发布 / 放弃 one at a time, a failure shown above the buttons.
 */
export function useDraftSave<F, R>({
  formRef,
  check,
  keyErrors,
  send,
}: {
  /** the form as it is now */
  formRef: MutableRefObject<F>
  check: (form: F) => Errors
  keyErrors: (fields: Errors, sent: F) => Errors
  /** saves `sent` and takes in the result; what save() resolves to */
  send: (sent: F) => Promise<R>
}) {
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const action = useMutation((_action: DraftAction, body: () => Promise<unknown>) => body(), {
    onError: (e) => {
      setFormError(errorMessage(e))
      return null
    },
  })

  /** Saves the form as it is now; on refusal keeps it and shows why. What `send` gave, or null. */
  async function save(): Promise<R | null> {
    const sent = formRef.current
    const local = check(sent)
    if (Object.keys(local).length) {
      setErrors(local)
      setFormError('请先改正标红的地方')
      return null
    }
    setErrors({})
    setFormError(null)
    try {
      return await send(sent)
    } catch (e) {
      if (e instanceof CallError && e.fields) setErrors(keyErrors(e.fields, sent))
      setFormError(errorMessage(e))
      return null
    }
  }

  const onSave = () =>
    void action.run('save', async () => {
      if (await save()) Taro.showToast({ title: '草稿已保存', icon: 'success' })
    })

  return { errors, setErrors, formError, setFormError, busy: action.pending?.[0] ?? null, run: action.run, save, onSave }
}
