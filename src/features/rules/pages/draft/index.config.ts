export default definePageConfig({ navigationBarTitleText: '起草新版本' })
