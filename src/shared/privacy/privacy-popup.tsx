import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AGREE_BUTTON_ID, answerPrivacy, usePrivacy } from './privacy'
import './privacy-popup.scss'

/** what the app collects and why, in a sentence each (the full guide is the one filed with WeChat); shown before any village is joined, so 村（居）/本村（社区） name both kinds */
const SUMMARY = [
  '照片：您在议题、落实进展、随手拍中上传的照片，仅用于本村（社区）议事和问题处理，上传前会去除拍摄地点等信息。',
  '位置：随手拍时您在地图上选择的问题地点，用于把问题转给所在网格的网格员。',
  '摄像头：扫描服务中心的二维码申请加入本村（社区）。',
  '剪贴板：您点“复制”时，把回执码、链接或您的个人信息复制给您自己。',
  '您填写的姓名、门牌号：由村（居）委会核实身份，可在“我的 → 我的个人信息”查看、导出和申请注销。',
]

/** The privacy summary WeChat asks for before photos, camera or clipboard are used: 同意 lets the call go on, 拒绝 cancels it. */
export function PrivacyPopup() {
  const waiting = usePrivacy((s) => s.resolve !== null)
  if (!waiting) return null
  return (
    <View className='vh-privacy' role='dialog' aria-label='隐私保护指引'>
      <View className='vh-privacy__box'>
        <Text className='vh-privacy__title'>隐私保护指引</Text>
        <Text className='vh-privacy__text'>使用这项功能前，请阅读村居议事厅如何使用您的信息：</Text>
        {SUMMARY.map((s) => (
          <Text key={s} className='vh-privacy__text'>{`· ${s}`}</Text>
        ))}
        <Text className='vh-privacy__link' onClick={() => Taro.openPrivacyContract({ fail: () => undefined })}>
          查看完整的《用户隐私保护指引》
        </Text>
        <View className='vh-privacy__buttons'>
          <Button className='vh-btn vh-btn--default' onClick={() => answerPrivacy(false)}>
            拒绝
          </Button>
          <Button id={AGREE_BUTTON_ID} className='vh-btn vh-btn--primary' openType='agreePrivacyAuthorization' onAgreePrivacyAuthorization={() => answerPrivacy(true)}>
            同意
          </Button>
        </View>
      </View>
    </View>
  )
}
