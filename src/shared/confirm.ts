import Taro from '@tarojs/taro'

/** A yes/no question before something that cannot be undone. */
export async function askConfirm(title: string, content: string, confirmText = '确定'): Promise<boolean> {
  try {
    const res = await Taro.showModal({ title, content, confirmText, cancelText: '取消', confirmColor: '#b71c1c' })
    return !!res.confirm
  } catch {
    return false
  }
}
