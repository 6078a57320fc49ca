export default definePageConfig({ navigationBarTitleText: '新建榜单条目' })
