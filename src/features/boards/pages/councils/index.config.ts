export default definePageConfig({ navigationBarTitleText: '四会成员' })
