export default definePageConfig({ navigationBarTitleText: '编辑服务' })
