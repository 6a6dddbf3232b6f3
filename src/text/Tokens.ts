/** Words of a text with their positions, folded for matching: lower case, no diacritics, ß→ss, final sigma→σ. */
import anyAscii from "any-ascii"

export interface Token {
  /** position in the normalized text */
  readonly start: number
  readonly end: number
  /** the word as written */
  readonly raw: string
  /** the word folded for matching */
  readonly folded: string
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu
const MARKS = /\p{M}+/gu

const foldCache = new Map<string, string>()

const ASCII = /^[\x00-\x7f]*$/

export const fold = (word: string): string => {
  // most words of Latin-script text need no decomposition
  if (ASCII.test(word)) return word.toLowerCase()
  const cached = foldCache.get(word)
  if (cached !== undefined) return cached
  const folded = word
    .normalize("NFD")
    .replace(MARKS, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/ς/g, "σ")
    .replace(/ı/g, "i")
  if (foldCache.size < 500_000) foldCache.set(word, folded)
  return folded
}

const keyCache = new Map<string, string>()

/** A script-independent key of a word: transliterated to ASCII, lower case, letters and digits only. */
export const transliterationKey = (word: string): string => {
  const cached = keyCache.get(word)
  if (cached !== undefined) return cached
  const key = anyAscii(word.normalize("NFC")).toLowerCase().replace(/[^a-z0-9]/g, "")
  if (keyCache.size < 200_000) keyCache.set(word, key)
  return key
}

export const tokenize = (text: string, start = 0, end = text.length): Array<Token> => {
  const tokens: Array<Token> = []
  WORD.lastIndex = 0
  const slice = text.slice(start, end)
  for (const match of slice.matchAll(WORD)) {
    const raw = match[0]
    tokens.push({ start: start + match.index, end: start + match.index + raw.length, raw, folded: fold(raw) })
  }
  return tokens
}
