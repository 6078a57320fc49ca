export default definePageConfig({ navigationBarTitleText: '榜单条目' })
