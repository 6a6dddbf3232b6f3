/** Words of a text with their positions, folded for matching: lower case, no diacritics, ß→ss, final sigma→σ. */
import anyAscii from "any-ascii"
import { cachedTest, codePointAt } from "./Characters.ts"

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
  let folded = word.normalize("NFD").replace(MARKS, "").toLowerCase()
  // each replacement only where its letter occurs: none of them brings in another's letter
  if (folded.includes("ß")) folded = folded.replace(/ß/g, "ss")
  if (folded.includes("ς")) folded = folded.replace(/ς/g, "σ")
  if (folded.includes("ı")) folded = folded.replace(/ı/g, "i")
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

/** Whether a code point (a lone surrogate is its own) is a word character: a letter, a mark or a digit. */
const isWordCharacter = cachedTest((c) => /^[\p{L}\p{M}\p{N}]$/u.test(c))

/** How many code units the word character at `i` takes (1, or 2 for a surrogate pair), or 0 when it is none. */
const wordCharAt = (text: string, i: number, end: number): number => {
  // a unit outside the surrogates is its own code point: most of the text, tested without working one out
  const code = text.charCodeAt(i)
  if (code < 0xd800 || code > 0xdfff) return isWordCharacter(code) ? 1 : 0
  const codePoint = codePointAt(text, i, end)
  return isWordCharacter(codePoint) ? (codePoint > 0xffff ? 2 : 1) : 0
}

/**
 * The runs of letters, marks and digits of text[start, end), as `/[\p{L}\p{M}\p{N}]+/gu` finds them, and the
 * form of each: what the lexicon and the entity index keep per word sits on it.
 */
export const tokenizeForms = (text: string, start = 0, end = text.length): { readonly tokens: Array<Token>; readonly forms: Array<WordForm> } => {
  const forms: Array<WordForm> = []
  return { tokens: scan(text, start, end, forms), forms }
}

const scan = (text: string, start: number, end: number, forms: Array<WordForm>): Array<Token> => {
  const tokens: Array<Token> = []
  if (end > text.length) end = text.length
  let i = start
  while (i < end) {
    let width = wordCharAt(text, i, end)
    if (width === 0) {
      i++
      continue
    }
    const from = i
    let ascii = true
    let hash = FNV_OFFSET
    do {
      const code = text.charCodeAt(i)
      if (width === 2 || code > 0x7f) ascii = false
      hash = Math.imul(hash ^ code, FNV_PRIME)
      if (width === 2) hash = Math.imul(hash ^ text.charCodeAt(i + 1), FNV_PRIME)
      i += width
    } while (i < end && (width = wordCharAt(text, i, end)) !== 0)
    const form = formAt(text, from, i, hash, ascii)
    tokens.push({ start: from, end: i, raw: form.raw, folded: form.folded })
    forms.push(form)
  }
  return tokens
}

/** The words of a text as `/[\p{L}\p{M}\p{N}]+/gu` finds them, as written. */
export const wordsOf = (text: string): Array<string> => {
  const words: Array<string> = []
  const end = text.length
  let i = 0
  while (i < end) {
    let width = wordCharAt(text, i, end)
    if (width === 0) {
      i++
      continue
    }
    const from = i
    do i += width
    while (i < end && (width = wordCharAt(text, i, end)) !== 0)
    words.push(from === 0 && i === end ? text : text.slice(from, i))
  }
  return words
}

/**
 * A distinct word as written and folded, one object (and one string) per word, so that a repeated word is neither
 * folded nor kept twice. What the lexicon, the entity index and the duration reader work out for a word is kept on
 * it, each slot for one owner (another owner looks it up its own way and takes the slot over).
 */
export class WordForm {
  lexicon: unknown = undefined
  lexical: unknown = undefined
  entityIndex: unknown = undefined
  names: unknown = undefined
  reader: unknown = undefined
  reading: unknown = undefined
  /** `transliterationKey` of the word, once asked */
  key: string | undefined = undefined
  constructor(readonly raw: string, readonly folded: string) {}
}

/**
 * The forms of the words seen so far (at most FORMS), found by a hash of their code units in an open-addressing
 * table, so a known word is found without cutting it out of the text. A slot holds the word's hash beside the
 * form's index, so a probe reads no form it does not return.
 */
const FORMS = 500_000
const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 0x01000193
/** slot k: hash at 2k, index in formList at 2k + 1 (-1: empty) */
let slots = new Int32Array(2 << 14).fill(-1)
const formList: Array<WordForm> = []
/** each form's word as written, by the same index: a probe compares it without reading the form */
const rawList: Array<string> = []

const sameText = (word: string, text: string, from: number): boolean => {
  for (let k = 0; k < word.length; k++) if (word.charCodeAt(k) !== text.charCodeAt(from + k)) return false
  return true
}

const formAt = (text: string, from: number, to: number, hash: number, ascii: boolean): WordForm => {
  const table = slots
  const mask = (table.length >> 1) - 1
  let slot = hash & mask
  for (let index = table[2 * slot + 1]!; index !== -1; index = table[2 * slot + 1]!) {
    if (table[2 * slot] === hash) {
      const word = rawList[index]!
      if (word.length === to - from && sameText(word, text, from)) return formList[index]!
    }
    slot = (slot + 1) & mask
  }
  const slice = text.slice(from, to)
  // a long slice would keep the whole text it was cut from: the kept word is a copy
  const raw = slice.length >= 13 ? slice.split("").join("") : slice
  const form = new WordForm(raw, ascii ? raw.toLowerCase() : fold(raw))
  if (formList.length < FORMS) {
    const index = formList.length
    table[2 * slot] = hash
    table[2 * slot + 1] = index
    formList.push(form)
    rawList.push(raw)
    if (formList.length * 4 > table.length) grow()
  }
  return form
}

const grow = () => {
  const old = slots
  slots = new Int32Array(old.length * 2).fill(-1)
  const mask = (slots.length >> 1) - 1
  for (let k = 0; k < old.length; k += 2) {
    const index = old[k + 1]!
    if (index === -1) continue
    const hash = old[k]!
    let slot = hash & mask
    while (slots[2 * slot + 1] !== -1) slot = (slot + 1) & mask
    slots[2 * slot] = hash
    slots[2 * slot + 1] = index
  }
}
