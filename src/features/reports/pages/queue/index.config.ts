export default definePageConfig({ navigationBarTitleText: '问题办理', enablePullDownRefresh: true })
