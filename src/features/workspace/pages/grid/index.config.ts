export default definePageConfig({ navigationBarTitleText: '网格员工作', enablePullDownRefresh: true })
