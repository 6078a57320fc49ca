// enableShareAppMessage: the page answers WeChat's share menu (useShareAppMessage)
export default definePageConfig({ navigationBarTitleText: '议题', enableShareAppMessage: true })
