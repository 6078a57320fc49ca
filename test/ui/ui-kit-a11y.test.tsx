/**
 * The UI kit's controls say what they are and what state they are in (roles, names, aria-checked /
 * aria-pressed, focus), so every page that uses them can be used with a screen reader and a keyboard;
 * and 长辈模式 is offered once on the first open, or starts on by itself when WeChat's font is large.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { LARGE_WECHAT_FONT, recomputeTheme, useTheme } from '../../src/shared/theme'
import { Button, Choice, Choices, Page, Row, SwitchRow } from '../../src/shared/ui'

const taro = Taro as unknown as { __storage: Map<string, unknown>; getAppBaseInfo?: () => { fontSizeSetting?: number } }
const storage = taro.__storage

const taroEnv = process.env.TARO_ENV
/** the ui project runs as the browser build (mocks/setup.ts): WeChat's font setting is read only in WeChat */
const inWeChat = () => {
  process.env.TARO_ENV = 'weapp'
}

afterEach(() => {
  process.env.TARO_ENV = taroEnv
  storage.delete('vh.elderMode')
  storage.set('vh.elderOffered', true)
  delete taro.getAppBaseInfo
  recomputeTheme()
})

describe('controls', () => {
  test('a button is a focusable button; while disabled or busy it says so, leaves the Tab order and does nothing', () => {
    const onClick = jest.fn()
    const { rerender } = render(<Button onClick={onClick}>提交</Button>)
    const button = screen.getByRole('button', { name: '提交' })
    expect(button.getAttribute('tabindex')).toBe('0')
    fireEvent.click(button)
    expect(onClick).toHaveBeenCalledTimes(1)

    rerender(
      <Button onClick={onClick} loading>
        提交
      </Button>,
    )
    const busy = screen.getByRole('button', { name: '请稍候…' })
    expect(busy.getAttribute('aria-disabled')).toBe('true')
    expect(busy.getAttribute('aria-busy')).toBe('true')
    expect(busy.getAttribute('tabindex')).toBe('-1')
    fireEvent.click(busy)
    expect(onClick).toHaveBeenCalledTimes(1)
  })

  test('a button can carry a fuller name and a pressed state', () => {
    render(
      <Button label='删除第2条' pressed={false}>
        删除
      </Button>,
    )
    expect(screen.getByRole('button', { name: '删除第2条', pressed: false })).toBeTruthy()
  })

  test('a row that opens something is a button; a plain row is not', () => {
    render(
      <>
        <Row label='村规民约' onClick={() => undefined} />
        <Row label='户数'>8</Row>
      </>,
    )
    expect(screen.getByRole('button', { name: /村规民约/ }).getAttribute('tabindex')).toBe('0')
    expect(screen.queryByRole('button', { name: /户数/ })).toBeNull()
  })

  test('a switch is named by its label, says whether it is on, and the whole line toggles it', () => {
    function Form() {
      const [on, setOn] = useState(false)
      return <SwitchRow label='匿名上报' checked={on} onChange={setOn} />
    }
    render(<Form />)
    const sw = screen.getByRole('switch', { name: '匿名上报' })
    expect(sw.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(screen.getByText('匿名上报'))
    expect(screen.getByRole('switch', { name: '匿名上报', checked: true })).toBeTruthy()
  })

  test('a disabled switch does not toggle', () => {
    const onChange = jest.fn()
    render(<SwitchRow label='同意公开' checked={false} disabled onChange={onChange} />)
    fireEvent.click(screen.getByRole('switch', { name: '同意公开' }))
    expect(onChange).not.toHaveBeenCalled()
    expect(screen.getByRole('switch').getAttribute('aria-disabled')).toBe('true')
  })

  test('choices: a named radio group whose picked one is aria-checked; toggles say aria-pressed', () => {
    function Picker() {
      const [picked, setPicked] = useState('户主')
      return (
        <>
          <Choices label='与户主关系'>
            {['户主', '配偶', '子女'].map((r) => (
              <Choice key={r} on={picked === r} onClick={() => setPicked(r)}>
                {r}
              </Choice>
            ))}
          </Choices>
          <Choice kind='toggle' on={false}>
            只看未读
          </Choice>
        </>
      )
    }
    render(<Picker />)
    expect(screen.getByRole('radiogroup', { name: '与户主关系' })).toBeTruthy()
    expect(screen.getByRole('radio', { name: '户主', checked: true })).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: '子女' }))
    expect(screen.getAllByRole('radio', { checked: true }).map((r) => r.textContent)).toEqual(['子女'])
    expect(screen.getByRole('radio', { name: '配偶' }).getAttribute('tabindex')).toBe('0')
    expect(screen.getByRole('button', { name: '只看未读', pressed: false })).toBeTruthy()
  })
})

describe('长辈模式', () => {
  test('offered once on the first open: taking it turns it on and remembers it', () => {
    storage.delete('vh.elderOffered')
    recomputeTheme()
    const { container } = render(<Page>首页</Page>)
    expect(screen.getByText('字太小？试试长辈模式')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '打开长辈模式' }))
    expect(container.querySelector('.vh-page.vh-elder')).not.toBeNull()
    expect(screen.queryByText('字太小？试试长辈模式')).toBeNull()
    expect(storage.get('vh.elderMode')).toBe(true)
  })

  test('不用了 keeps it off, and the next open does not ask again', () => {
    storage.delete('vh.elderOffered')
    recomputeTheme()
    const { container, unmount } = render(<Page>首页</Page>)
    fireEvent.click(screen.getByRole('button', { name: '不用了' }))
    expect(container.querySelector('.vh-elder')).toBeNull()
    expect(storage.get('vh.elderMode')).toBe(false)
    unmount()

    // not answered at all: the next open still does not ask (it was offered)
    storage.delete('vh.elderMode')
    recomputeTheme()
    render(<Page>首页</Page>)
    expect(screen.queryByText('字太小？试试长辈模式')).toBeNull()
  })

  test('starts on when WeChat’s own font is large, unless the person chose otherwise', () => {
    inWeChat()
    storage.delete('vh.elderOffered')
    taro.getAppBaseInfo = () => ({ fontSizeSetting: LARGE_WECHAT_FONT })
    recomputeTheme()
    expect(useTheme.getState()).toMatchObject({ elder: true, offer: false })

    taro.getAppBaseInfo = () => ({ fontSizeSetting: 17 })
    recomputeTheme()
    expect(useTheme.getState().elder).toBe(false)

    storage.set('vh.elderMode', false)
    taro.getAppBaseInfo = () => ({ fontSizeSetting: 24 })
    recomputeTheme()
    expect(useTheme.getState().elder).toBe(false)
  })

  test('where the API is missing or throws, nothing breaks', () => {
    inWeChat()
    taro.getAppBaseInfo = () => {
      throw new Error('not supported')
    }
    recomputeTheme()
    expect(useTheme.getState().elder).toBe(false)
  })

  test('in the browser WeChat’s font setting is not asked for', () => {
    const getAppBaseInfo = jest.fn(() => ({ fontSizeSetting: 24 }))
    taro.getAppBaseInfo = getAppBaseInfo
    storage.delete('vh.elderOffered')
    recomputeTheme()
    expect(getAppBaseInfo).not.toHaveBeenCalled()
    expect(useTheme.getState()).toMatchObject({ elder: false, offer: true })
  })
})
