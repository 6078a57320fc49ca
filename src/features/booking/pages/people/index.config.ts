export default definePageConfig({ navigationBarTitleText: '长者登记' })
