// enableShareAppMessage: the page answers WeChat's share menu (useShareAppMessage)
export default definePageConfig({ navigationBarTitleText: '红黑榜', enablePullDownRefresh: true, enableShareAppMessage: true })
