/** n of `of` as a percentage for a bar's width: 0..100 (0 when there is nothing to count against) */
export const percent = (n: number, of: number) => (of > 0 ? Math.min(100, (n / of) * 100) : 0)
