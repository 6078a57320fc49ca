export default definePageConfig({ navigationBarTitleText: '村居议事厅', enablePullDownRefresh: true })
