export default definePageConfig({ navigationBarTitleText: '村民提议' })
