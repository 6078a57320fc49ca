/** The demo identity picker (体验身份): only in the local runtime, never in the cloud function. */
import { defineFeature } from '../../feature'
import { devActions } from './contract'
import { devHandlers } from './handlers'

export const dev = defineFeature({
  name: 'dev',
  localOnly: true,
  actions: devActions,
  handlers: devHandlers,
  collections: {},
})
