/**
 * Quotation spans of a paragraph. The decoded text still has the typographic
 * quotes, so the pairs are known: „…“ „…” “…” «…» »…« "…"; a straight quote
 * opens before a word and closes after one. An unmatched closer is ignored and a
 * quote never runs past its paragraph.
 */

const CLOSERS_OF: Record<string, string> = {
  "\u201E": "\u201C\u201D\"", // „ closes with “ (German) or ” (Hungarian, Polish)
  "\u201C": "\u201D\"", // “ … ”
  "\u00AB": "\u00BB", // « … »
  "\u00BB": "\u00AB", // » … « (German, Slovenian)
  "\"": "\"\u201C\u201D",
  "\u2039": "\u203A",
  "\u203A": "\u2039"
}

export interface QuoteSpan {
  /** position of the opening and closing quote marks in the text */
  readonly open: number
  readonly close: number
}

/** The keys of CLOSERS_OF and ”, the only characters that open or close a quotation. */
const isQuoteMark = (code: number): boolean =>
  code === 0x22 || code === 0xab || code === 0xbb || code === 0x201c || code === 0x201d || code === 0x201e || code === 0x2039 || code === 0x203a

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)

export const quoteSpans = (original: string, start: number, end: number, toOriginal: (i: number) => number): Array<QuoteSpan> => {
  const spans: Array<QuoteSpan> = []
  let open: { position: number; closers: string } | null = null
  for (let i = start; i < end; i++) {
    const at = toOriginal(i)
    // only quotation marks open or close anything
    if (!isQuoteMark(original.charCodeAt(at))) continue
    const c = original[at]!
    const closers = CLOSERS_OF[c]
    if (open !== null && open.closers.includes(c)) {
      spans.push({ open: open.position, close: i })
      open = null
      continue
    }
    if (closers === undefined && c !== "\u201D") continue
    if (c === "\"" || c === "\u201D" || c === "\u201C") {
      const before = original[toOriginal(i) - 1]
      const after = original[toOriginal(i) + 1]
      const opens = !isWordChar(before) && (isWordChar(after) || after === "." || after === "…")
      if (!opens) continue
    }
    if (closers !== undefined && open === null) open = { position: i, closers }
  }
  return spans
}
