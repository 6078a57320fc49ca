export default definePageConfig({ navigationBarTitleText: '现场表决登记' })
