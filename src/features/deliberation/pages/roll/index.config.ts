export default definePageConfig({ navigationBarTitleText: '选民名册' })
