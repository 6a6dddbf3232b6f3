/** The order of every sorted list in the outputs: by UTF-16 code unit, the same on every machine (unlike localeCompare). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
