export default definePageConfig({ navigationBarTitleText: '发布议题' })
