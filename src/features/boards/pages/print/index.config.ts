export default definePageConfig({ navigationBarTitleText: '打印榜单' })
