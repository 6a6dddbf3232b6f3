/** Decoded text → NFC text with unified quotes, apostrophes, dashes and spaces, and a map of every position back to the decoded text. */

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

// A base character with its combining marks: NFC works on such clusters.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu
const NEEDS_WORK = /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\r\u00ad\u200b-\u200d\u2060\ufeff]/u

export const normalizeText = (original: string): NormalizedText => {
  if (!NEEDS_WORK.test(original) && original === original.normalize("NFC")) {
    // Fast path: every replacement keeps the length, so positions map one to one.
    let text = ""
    let last = 0
    for (let i = 0; i < original.length; i++) {
      const replacement = UNIFIED[original[i]!]
      if (replacement !== undefined && replacement !== original[i]) {
        text += original.slice(last, i) + replacement
        last = i + 1
      }
    }
    return { text: text + original.slice(last), original, offsets: null }
  }
  const parts: Array<string> = []
  const offsets: Array<number> = []
  for (const match of original.matchAll(CLUSTER)) {
    const start = match.index
    let cluster = match[0]
    if (cluster === "\r") {
      // CRLF and lone CR become LF; the CR of a CRLF is dropped.
      if (original[start + 1] === "\n") continue
      cluster = "\n"
    }
    if (DROPPED.has(cluster)) continue
    const composed = UNIFIED[cluster] ?? cluster.normalize("NFC")
    parts.push(composed)
    for (let k = 0; k < composed.length; k++) offsets.push(start)
  }
  offsets.push(original.length)
  return { text: parts.join(""), original, offsets: Int32Array.from(offsets) }
}
