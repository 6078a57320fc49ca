/// <reference types="@tarojs/taro" />
// The reference brings Taro's globals into scope: defineAppConfig, definePageConfig, wx-style APIs.

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss' {
  const classes: { readonly [key: string]: string }
  export default classes
}

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV?: 'development' | 'production' | 'test'
    /** the platform being built: Taro replaces process.env.TARO_ENV at build time */
    TARO_ENV?: 'weapp' | 'h5' | 'swan' | 'alipay' | 'tt' | 'qq' | 'jd' | 'harmony' | 'rn'
    /** optional appid override for dist/weapp/project.config.json */
    TARO_APP_ID?: string
  }
}

/** subscribe-message template ids, replaced at build time (config/index.ts defineConstants); '' = not configured */
declare const SUBSCRIBE_TEMPLATES: { notice: string }
