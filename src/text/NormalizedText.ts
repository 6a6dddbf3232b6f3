/** Decoded text → NFC text with unified quotes, apostrophes, dashes and spaces, and a map of every position back to the decoded text. */
import { cachedTest, codePointAt } from "./Characters.ts"

const UNIFIED: Record<string, string> = {
  "\u201E": "\"", "\u201C": "\"", "\u201D": "\"", "\u201F": "\"", "\u00AB": "\"", "\u00BB": "\"", "\u2033": "\"", "\u301D": "\"", "\u301E": "\"", "\uFF02": "\"",
  "\u2018": "'", "\u2019": "'", "\u201A": "'", "\u201B": "'", "\u2032": "'", "\u2039": "'", "\u203A": "'", "\u02BC": "'",
  "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\uFE58": "-", "\uFF0D": "-",
  "\u00A0": " ", "\u2007": " ", "\u2009": " ", "\u200A": " ", "\u202F": " ", "\u2002": " ", "\u2003": " ", "\u3000": " ", "\t": " ",
  "\u2026": "\u2026"
}
/** Invisible characters that only break words apart: dropped. */
const DROPPED = new Set(["\u00AD", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"])

export interface NormalizedText {
  /** the normalized text */
  readonly text: string
  /** the decoded text it came from */
  readonly original: string
  /** position in `text` → position in `original` (length text.length + 1) */
  readonly offsets: Int32Array | null
}

/** Position in the decoded text of a position in the normalized text. */
export const toOriginal = (normalized: NormalizedText, index: number): number =>
  normalized.offsets === null ? index : normalized.offsets[index] ?? normalized.original.length

/** The replacement of each unified UTF-16 unit (all keys are single units), by code. */
const UNIFIED_BY_CODE: ReadonlyMap<number, string> = new Map(Object.entries(UNIFIED).map(([from, to]) => [from.charCodeAt(0), to]))
/** 1 for each unit that is unified. */
const UNIFIED_UNITS = new Uint8Array(0x10000)
for (const code of UNIFIED_BY_CODE.keys()) UNIFIED_UNITS[code] = 1
const DROPPED_CODES: ReadonlySet<number> = new Set([...DROPPED].map((c) => c.charCodeAt(0)))

const MARK = /\p{M}/u
/** Whether the code point (a lone surrogate is its own code point) is a combining mark, as `\p{M}` says. */
const isMark = cachedTest((c) => MARK.test(c))
/** Whether a UTF-16 unit alone is in NFC. */
const isNfcAlone = cachedTest((c) => c.normalize("NFC") === c)

const NEEDS_WORK = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\r\u00ad\u200b-\u200d\u2060\ufeff]/u

export const normalizeText = (original: string): NormalizedText => {
  if (!NEEDS_WORK.test(original) && original === original.normalize("NFC")) {
    // Fast path: every replacement keeps the length, so positions map one to one.
    let text = ""
    let last = 0
    for (let i = 0; i < original.length; i++) {
      const code = original.charCodeAt(i)
      if (UNIFIED_UNITS[code] === 0) continue
      const replacement = UNIFIED_BY_CODE.get(code)
      if (replacement !== undefined && replacement !== original[i]) {
        text += original.slice(last, i) + replacement
        last = i + 1
      }
    }
    return { text: text + original.slice(last), original, offsets: null }
  }
  // Cluster by cluster - a base character with its combining marks (or a run of marks), as NFC works on
  // them: each becomes its NFC form, every unit of which maps back to the cluster's start. A cluster of
  // one unit that is unchanged is copied with the run it belongs to.
  let text = ""
  let offsets = new Int32Array(original.length + 16)
  let size = 0
  /** start of the run of unchanged one-unit clusters not yet copied */
  let run = 0
  const emit = (start: number, end: number, composed: string) => {
    text += original.slice(run, start) + composed
    run = end
    if (size + composed.length + 1 > offsets.length) {
      const grown = new Int32Array(Math.max(offsets.length * 2, size + composed.length + 1))
      grown.set(offsets.subarray(0, size))
      offsets = grown
    }
    for (let k = 0; k < composed.length; k++) offsets[size++] = start
  }
  let i = 0
  while (i < original.length) {
    const start = i
    const first = codePointAt(original, i)
    i += first > 0xffff ? 2 : 1
    while (i < original.length) {
      const next = codePointAt(original, i)
      if (!isMark(next)) break
      i += next > 0xffff ? 2 : 1
    }
    if (i === start + 1) {
      // a cluster of one unit
      const code = first
      if (code === 0x0d) {
        // CRLF and lone CR become LF; the CR of a CRLF is dropped.
        emit(start, i, original.charCodeAt(i) === 0x0a ? "" : "\n")
        continue
      }
      if (DROPPED_CODES.has(code)) {
        emit(start, i, "")
        continue
      }
      const unified = UNIFIED_BY_CODE.get(code)
      if (unified !== undefined) emit(start, i, unified)
      else if (!isNfcAlone(code)) emit(start, i, String.fromCharCode(code).normalize("NFC"))
      else {
        if (size + 2 > offsets.length) {
          const grown = new Int32Array(offsets.length * 2)
          grown.set(offsets.subarray(0, size))
          offsets = grown
        }
        offsets[size++] = start
      }
      continue
    }
    emit(start, i, original.slice(start, i).normalize("NFC"))
  }
  text += original.slice(run)
  if (size + 1 > offsets.length) {
    const grown = new Int32Array(size + 1)
    grown.set(offsets.subarray(0, size))
    offsets = grown
  }
  offsets[size++] = original.length
  return { text, original, offsets: size === offsets.length ? offsets : offsets.slice(0, size) }
}
