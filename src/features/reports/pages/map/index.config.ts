export default definePageConfig({ navigationBarTitleText: '民情地图', enablePullDownRefresh: true })
