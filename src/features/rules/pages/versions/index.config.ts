export default definePageConfig({ navigationBarTitleText: '历次版本' })
