export default definePageConfig({ navigationBarTitleText: '小微权力清单' })
