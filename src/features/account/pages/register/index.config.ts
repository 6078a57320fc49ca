export default definePageConfig({ navigationBarTitleText: '村民户籍' })
