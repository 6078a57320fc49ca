export default definePageConfig({ navigationBarTitleText: '入村审核' })
