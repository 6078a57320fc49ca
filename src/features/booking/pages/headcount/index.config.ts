export default definePageConfig({ navigationBarTitleText: '备餐人数' })
