import { View, Text } from '@tarojs/components'

export default function Page() {
  return (
    <View>
      <Text>features/account/pages/requests</Text>
    </View>
  )
}
