/** Paragraph text → sentence ranges, by rule: deterministic on every machine (no ICU data involved). */

/** Abbreviations that end with a period but not a sentence (folded, without the period). */
const ABBREVIATIONS = new Set([
  "dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "pres", "vs", "etc", "ca", "approx", "no", "nr", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "bzw", "vgl", "ggf", "usw", "inkl", "hr", "fr", "abs", "ziff", "mio", "mrd", "tel",
  "npr", "itd", "oz", "tj", "mag", "ga", "go", "gos", "sv", "mio", "mrd",
  "pl", "stb", "kb", "ill", "ifj", "id", "ld", "vö",
  "κ", "κα", "δρ", "π", "χ", "μ", "αρ", "κλπ", "λπ",
  "г", "гг", "т", "тыс", "млн", "млрд", "др", "пр", "ул", "им", "см", "проф",
  "ee", "uu", "sig", "sra", "sr", "dott", "ing", "avv", "mme", "mlle", "m", "ing", "mgr", "doc", "tzv", "napr", "atď", "tj", "odn", "tzn", "np", "ok", "ul", "wg", "prok"
])

const TERMINATORS = /[.!?…]/
const CLOSERS = /["')\]»”’]/
const OPENERS = /["'(\[«»„“‘¿¡]/
const SPACE = /\s/
const UPPER_START = /[\p{Lu}\p{Lt}\p{N}]/u
const WORD_CHARACTER = /[\p{L}\p{N}]/u
const LETTER = /\p{L}/u
const UPPER = /^\p{Lu}$/u

export interface Range {
  readonly start: number
  readonly end: number
}

// What the patterns above say of each UTF-16 unit (a text is looked at unit by unit): one bit each, in a
// table filled on first use.
const KNOWN = 1
const IS_TERMINATOR = 2
const IS_CLOSER = 4
const IS_OPENER = 8
const IS_SPACE = 16
const IS_UPPER_START = 32
const IS_WORD_CHARACTER = 64
const classes = new Uint8Array(0x10000)
const classOf = (code: number): number => {
  let known = classes[code]!
  if (known === 0) {
    const c = String.fromCharCode(code)
    known = KNOWN |
      (TERMINATORS.test(c) ? IS_TERMINATOR : 0) |
      (CLOSERS.test(c) ? IS_CLOSER : 0) |
      (OPENERS.test(c) ? IS_OPENER : 0) |
      (SPACE.test(c) ? IS_SPACE : 0) |
      (UPPER_START.test(c) ? IS_UPPER_START : 0) |
      (WORD_CHARACTER.test(c) ? IS_WORD_CHARACTER : 0)
    classes[code] = known
  }
  return known
}
const is = (text: string, i: number, kind: number): boolean => i < text.length && (classOf(text.charCodeAt(i)) & kind) !== 0

/**
 * A sentence ends at . ! ? … (and the quotes or brackets closing after it) when
 * whitespace follows and the next sentence starts with a capital, a digit or an
 * opening quote; not after an abbreviation, an initial or a day/ordinal number
 * ("13. September"). Greek uses ";" as its question mark.
 */
export const splitSentences = (text: string, start: number, end: number, language: string): Array<Range> => {
  const ranges: Array<Range> = []
  const greek = language === "el"
  let sentenceStart = start
  let i = start
  while (i < end) {
    const code = text.charCodeAt(i)
    if (!(is(text, i, IS_TERMINATOR) || (greek && code === 0x3b))) {
      i++
      continue
    }
    let j = i + 1
    while (j < end && is(text, j, IS_TERMINATOR | IS_CLOSER)) j++
    if (j >= end) break
    if (!is(text, j, IS_SPACE)) {
      i = j
      continue
    }
    let k = j
    while (k < end && is(text, k, IS_SPACE)) k++
    if (k >= end) break
    // « À l'amitié ! », a lancé Poutine: a quote mark after the space that is followed by punctuation or a space closes
    if (is(text, k, IS_CLOSER) && !is(text, k + 1, IS_WORD_CHARACTER)) {
      i = k + 1
      continue
    }
    let first = k
    while (first < end && is(text, first, IS_OPENER)) first++
    const startsNew = first > k || is(text, first, IS_UPPER_START)
    if (!startsNew || (code === 0x2e && !endsSentence(text, sentenceStart, i, first))) {
      i = j
      continue
    }
    pushTrimmed(ranges, text, sentenceStart, j)
    sentenceStart = k
    i = k
  }
  if (sentenceStart < end) pushTrimmed(ranges, text, sentenceStart, end)
  return ranges
}

/** Whether the period at `period` ends the sentence; `next` is where the next one would start. */
const endsSentence = (text: string, sentenceStart: number, period: number, next: number): boolean => {
  let w = period
  while (w > sentenceStart && is(text, w - 1, IS_WORD_CHARACTER)) w--
  if (w === period) return true
  const word = text.slice(w, period)
  if (period - w <= 2 && DIGIT_WORD.test(word) && LETTER.test(text[next] ?? "")) return false
  if (UPPER.test(word)) return false
  return !ABBREVIATIONS.has(word.toLowerCase())
}
const DIGIT_WORD = /^\p{N}{1,2}$/u

/** The range trimmed of white space, if anything is left of it. */
const pushTrimmed = (ranges: Array<Range>, text: string, start: number, end: number): void => {
  let s = start
  let e = end
  while (s < e && is(text, s, IS_SPACE)) s++
  while (e > s && is(text, e - 1, IS_SPACE)) e--
  if (e > s) ranges.push({ start: s, end: e })
}
