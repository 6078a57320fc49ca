// enableShareAppMessage: the page answers WeChat's share menu (useShareAppMessage)
export default definePageConfig({ navigationBarTitleText: '公告', enableShareAppMessage: true })
