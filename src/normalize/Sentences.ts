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

export interface Range {
  readonly start: number
  readonly end: number
}

const isUpperStart = (c: string) => /[\p{Lu}\p{Lt}\p{N}]/u.test(c)

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
    const c = text[i]!
    if (!(TERMINATORS.test(c) || (greek && c === ";"))) {
      i++
      continue
    }
    let j = i + 1
    while (j < end && (TERMINATORS.test(text[j]!) || CLOSERS.test(text[j]!))) j++
    if (j >= end) break
    if (!/\s/.test(text[j]!)) {
      i = j
      continue
    }
    let k = j
    while (k < end && /\s/.test(text[k]!)) k++
    if (k >= end) break
    // « À l'amitié ! », a lancé Poutine: a quote mark after the space that is followed by punctuation or a space closes
    if (CLOSERS.test(text[k]!) && !/[\p{L}\p{N}]/u.test(text[k + 1] ?? "")) {
      i = k + 1
      continue
    }
    let first = k
    while (first < end && OPENERS.test(text[first]!)) first++
    const next = text[first] ?? ""
    const startsNew = first > k || isUpperStart(next)
    if (!startsNew || (c === "." && !endsSentence(text, sentenceStart, i, next))) {
      i = j
      continue
    }
    ranges.push(trim(text, sentenceStart, j))
    sentenceStart = k
    i = k
  }
  if (sentenceStart < end) ranges.push(trim(text, sentenceStart, end))
  return ranges.filter((r) => r.end > r.start)
}

const endsSentence = (text: string, sentenceStart: number, period: number, next: string): boolean => {
  let w = period
  while (w > sentenceStart && /[\p{L}\p{N}]/u.test(text[w - 1]!)) w--
  const word = text.slice(w, period)
  if (word.length === 0) return true
  if (/^\p{N}{1,2}$/u.test(word) && /\p{L}/u.test(next)) return false
  if (/^\p{Lu}$/u.test(word)) return false
  return !ABBREVIATIONS.has(word.toLowerCase())
}

const trim = (text: string, start: number, end: number): Range => {
  let s = start
  let e = end
  while (s < e && /\s/.test(text[s]!)) s++
  while (e > s && /\s/.test(text[e - 1]!)) e--
  return { start: s, end: e }
}
