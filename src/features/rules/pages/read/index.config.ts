export default definePageConfig({ navigationBarTitleText: '村规民约' })
