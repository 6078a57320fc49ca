import { shanghaiDay } from '../../common/time'

/** the board period an instant falls in: YYYY-MM in Beijing */
export const monthOf = (ms: number): string => shanghaiDay(ms).slice(0, 7)
