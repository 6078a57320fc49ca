/** Every workspace action's handler: the grid worker's, the town officer's and the hall staff's. */
import type { Handlers } from '../../handler'
import type { workspaceActions } from './contract'
import { gridHandlers } from './grid'
import { figureHandlers } from './figures'

export const workspaceHandlers: Handlers<typeof workspaceActions> = { ...gridHandlers, ...figureHandlers }
