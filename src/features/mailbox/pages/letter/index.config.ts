export default definePageConfig({ navigationBarTitleText: '书记信箱 · 来信', enablePullDownRefresh: true })
