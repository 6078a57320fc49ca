export default definePageConfig({ navigationBarTitleText: '推荐好人好事' })
