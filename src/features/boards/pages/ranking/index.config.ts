export default definePageConfig({ navigationBarTitleText: '路段排名' })
