export default definePageConfig({ navigationBarTitleText: '我家的公示' })
