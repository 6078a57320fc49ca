export default definePageConfig({ navigationBarTitleText: '承诺情况跟进' })
