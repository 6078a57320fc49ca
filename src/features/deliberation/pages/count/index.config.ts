export default definePageConfig({ navigationBarTitleText: '计票清单' })
