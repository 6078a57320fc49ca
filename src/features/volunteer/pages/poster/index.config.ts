export default definePageConfig({ navigationBarTitleText: '签到二维码海报' })
