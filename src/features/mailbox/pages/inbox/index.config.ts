export default definePageConfig({ navigationBarTitleText: '书记信箱 · 来信办理', enablePullDownRefresh: true })
