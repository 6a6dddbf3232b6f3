/** Reading text by UTF-16 unit: code points, and character tests cached per unit. */

/** The code point at `i` (a lone surrogate, or a high one whose pair would end at or past `end`, stands for itself). */
export const codePointAt = (text: string, i: number, end: number = text.length): number => {
  const code = text.charCodeAt(i)
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
    const low = text.charCodeAt(i + 1)
    if (low >= 0xdc00 && low <= 0xdfff) return (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000
  }
  return code
}

/**
 * A test of one character, given its code point, cached per UTF-16 unit (a code point of the BMP or a lone
 * surrogate) in a table filled on first use; code points beyond the BMP are tested each time (they are rare).
 */
export const cachedTest = (test: (character: string) => boolean): (codePoint: number) => boolean => {
  const table = new Uint8Array(0x10000)
  return (codePoint) => {
    if (codePoint > 0xffff) return test(String.fromCodePoint(codePoint))
    let known = table[codePoint]!
    if (known === 0) {
      known = test(String.fromCharCode(codePoint)) ? 2 : 1
      table[codePoint] = known
    }
    return known === 2
  }
}
