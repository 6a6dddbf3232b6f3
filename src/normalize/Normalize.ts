/** Normalize: a decoded source → a document of segments (body, embedded post, boilerplate), each with its language and sentences. */
import { Context, Effect, Layer } from "effect"
import type { Document, Segment, Sentence, SegmentRole } from "../domain/Document.ts"
import type { Source } from "../domain/Source.ts"
import { normalizeText, type NormalizedText, toOriginal } from "../text/NormalizedText.ts"
import boilerplate from "./boilerplate.json" with { type: "json" }
import { identifyLanguage, paragraphVerdict } from "./LanguageId.ts"
import { type Range, splitSentences } from "./Sentences.ts"

/** One expression that matches where any of the patterns does (they have no back references to renumber). */
const compile = (patterns: ReadonlyArray<string>) => new RegExp(patterns.map((p) => `(?:${p})`).join("|"), "iu")
const CREDIT = compile(boilerplate.credit)
const TEASER = compile(boilerplate.teaser)
const PAYWALL = compile(boilerplate.paywall)

/** ` date 2023-09 Section`: the in-band header some sources start with. */
const HEADER = /^[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?:[ \t]+([^\n]*))?/
/** A section name is a few words without sentence punctuation; anything longer is already the article. */
const SECTION = /^[^.!?;:,"]{1,60}$/u

/** "— NEXTA (@nexta_tv) September 13, 2023": the signature line of an embedded tweet (dashes are unified). */
const POST_SIGNATURE = /^-\s*(.{1,80}?)\s*\((@[\w.]{1,40})\)\s+(.{4,40})$/u
const POST_MARKERS = /(?:pic\.twitter\.com\/|https?:\/\/t\.co\/|(?:^|\s)#[\p{L}\p{N}_]+|(?:^|\s)@[\w]{2,})/u

interface Paragraph {
  readonly index: number
  readonly start: number
  readonly end: number
}

interface Piece {
  readonly start: number
  readonly end: number
  readonly role: SegmentRole
  readonly reason: string | null
  readonly paragraph: number
  readonly author: string | null
  readonly date: string | null
  /** the sentences of the whole paragraph, as split for the article's language (Greek or not) */
  readonly split: { readonly greek: boolean; readonly ranges: ReadonlyArray<Range> } | undefined
}

/** Every piece is made here, so that all have one shape. */
const makePiece = (
  start: number,
  end: number,
  role: SegmentRole,
  reason: string | null,
  paragraph: number,
  author: string | null = null,
  date: string | null = null,
  split: Piece["split"] = undefined
): Piece => ({ start, end, role, reason, paragraph, author, date, split })

/** The piece with another role (and, for an embedded post, its author and date). */
const withRole = (piece: Piece, role: SegmentRole, reason: string, author = piece.author, date = piece.date): Piece =>
  makePiece(piece.start, piece.end, role, reason, piece.paragraph, author, date, piece.split)

type Script = "Grek" | "Cyrl" | "Latn"

const scriptOf = (text: string): Script => /[\u0370-\u03ff\u1f00-\u1fff]/.test(text) ? "Grek" : /[\u0400-\u052f]/.test(text) ? "Cyrl" : "Latn"

/**
 * A language given in the metadata holds for every paragraph in its script but a
 * long one that clearly reads otherwise: a short Czech paragraph must not turn
 * Slovenian on the strength of a few letters.
 */
const keepsGivenLanguage = (given: string | undefined, paragraph: string, bodyScript: () => Script): boolean => {
  if (given === undefined || scriptOf(paragraph) !== bodyScript()) return false
  if ((paragraph.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) < 40) return true
  const other = identifyLanguage(paragraph, { prior: given })
  return other.language === given || other.confidence < 0.8
}

/** Languages so close that a short stretch of one reads as the other. */
const CLOSE_GROUPS: ReadonlyArray<ReadonlyArray<string>> = [["sl", "hr", "sr", "bs"], ["cs", "sk"], ["ru", "uk", "bg", "be", "mk"], ["es", "pt", "gl"], ["da", "nb", "no", "sv"]]
const sameGroup = (a: string, b: string) => CLOSE_GROUPS.some((g) => g.includes(a) && g.includes(b))

export interface Header {
  readonly date: string | null
  readonly section: string | null
  /** where the article text starts */
  readonly bodyStart: number
}

export const readHeader = (text: string): Header => {
  const match = HEADER.exec(text)
  if (match === null) return { date: null, section: null, bodyStart: 0 }
  const rest = match[2]?.trim() ?? ""
  const lineEnd = match.index + match[0].length
  if (rest.length === 0) return { date: match[1]!, section: null, bodyStart: lineEnd }
  if (SECTION.test(rest) && rest.split(/\s+/).length <= 4) return { date: match[1]!, section: rest, bodyStart: lineEnd }
  return { date: match[1]!, section: null, bodyStart: lineEnd - match[2]!.length + (match[2]!.length - match[2]!.trimStart().length) }
}

const paragraphsOf = (text: string, from: number): Array<Paragraph> => {
  const paragraphs: Array<Paragraph> = []
  let start = from
  while (start <= text.length) {
    let end = text.indexOf("\n", start)
    if (end === -1) end = text.length
    let s = start
    let e = end
    while (s < e && /\s/.test(text[s]!)) s++
    while (e > s && /\s/.test(text[e - 1]!)) e--
    if (e > s) paragraphs.push({ index: paragraphs.length, start: s, end: e })
    start = end + 1
  }
  return paragraphs
}

const boilerplateReason = (line: string): string | null => {
  if (CREDIT.test(line) && line.length < 300) return "credit line"
  if (PAYWALL.test(line)) return "paywall"
  if (TEASER.test(line)) return "teaser"
  return null
}

/** Splits a paragraph where a teaser ("Mehr zum Thema – …") starts inside it. */
const piecesOf = (text: string, paragraph: Paragraph, language: string): Array<Piece> => {
  const line = text.slice(paragraph.start, paragraph.end)
  const reason = boilerplateReason(line)
  if (reason !== null) return [makePiece(paragraph.start, paragraph.end, "boilerplate", reason, paragraph.index)]
  const ranges = splitSentences(text, paragraph.start, paragraph.end, language)
  for (const sentence of ranges) {
    if (sentence.start === paragraph.start) continue
    // a teaser marker opens its sentence: its first words are enough to test
    const opening = text.slice(sentence.start, Math.min(paragraph.end, sentence.start + 80))
    if (TEASER.test(opening)) {
      return [
        makePiece(paragraph.start, sentence.start, "body", null, paragraph.index),
        makePiece(sentence.start, paragraph.end, "boilerplate", "teaser", paragraph.index)
      ]
    }
  }
  return [makePiece(paragraph.start, paragraph.end, "body", null, paragraph.index, null, null, { greek: language === "el", ranges })]
}

/** The paragraphs of an embedded post: the signature line and the text above it (another language, or hashtags and links). */
const markEmbeddedPosts = (text: string, pieces: Array<Piece>, language: string): Array<Piece> => {
  const result = [...pieces]
  for (let i = 0; i < result.length; i++) {
    const piece = result[i]!
    // a signature starts with its dash: the expression need not run on other lines
    if (piece.role !== "body" || text.charCodeAt(piece.start) !== 0x2d) continue
    const signature = POST_SIGNATURE.exec(text.slice(piece.start, piece.end))
    if (signature === null) continue
    const author = `${signature[1]} (${signature[2]})`
    const date = signature[3]!
    result[i] = withRole(piece, "embedded-post", "post signature", author, date)
    let first = i - 1
    while (first >= 0 && i - first <= 4 && result[first]!.role === "body") {
      const body = text.slice(result[first]!.start, result[first]!.end)
      const foreign = identifyLanguage(body, { prior: language }).language !== language
      if (!(foreign || POST_MARKERS.test(body)) && first < i - 1) break
      result[first] = withRole(result[first]!, "embedded-post", "post text", author, date)
      if (!(foreign || POST_MARKERS.test(body))) break
      first--
    }
  }
  return result
}

/** Short lines seen twice are repeated captions. */
const markRepeatedLines = (text: string, pieces: Array<Piece>): Array<Piece> => {
  const seen = new Set<string>()
  const marked: Array<Piece> = []
  for (const piece of pieces) {
    const line = piece.role === "body" ? text.slice(piece.start, piece.end).trim() : ""
    if (line.length > 200 || piece.role !== "body") marked.push(piece)
    else if (seen.has(line)) marked.push(withRole(piece, "boilerplate", "repeated line"))
    else {
      seen.add(line)
      marked.push(piece)
    }
  }
  return marked
}

/** A sentence in normalized-text positions, with what the extract stage needs to know about its segment. */
export interface SentenceSpan {
  readonly start: number
  readonly end: number
  readonly segment: number
  readonly paragraph: number
  readonly role: SegmentRole
  readonly language: string
}

export interface Normalized {
  readonly document: Document
  readonly text: NormalizedText
  readonly sentences: ReadonlyArray<SentenceSpan>
}

export const normalizeSource = (source: Source): Normalized => {
  const normalized = normalizeText(source.text)
  const text = normalized.text
  const header = readHeader(text)
  const paragraphs = paragraphsOf(text, header.bodyStart)
  // lists are read in plain loops here: this code sees lists of every length, and an array built-in is compiled for
  // the kinds of list it has seen (each new kind de-optimized the function, which was then compiled again)
  let bodyText = ""
  for (let k = 0; k < paragraphs.length; k++) bodyText += (k === 0 ? "" : "\n") + text.slice(paragraphs[k]!.start, paragraphs[k]!.end)
  let bodyScriptKnown: Script | undefined
  const bodyScript = () => bodyScriptKnown ??= scriptOf(bodyText)
  // a language given in the metadata is not guessed again
  const guess = source.meta.language === undefined ? identifyLanguage(bodyText) : { language: source.meta.language, confidence: 1 }
  const language = guess.language
  let pieces: Array<Piece> = []
  for (const paragraph of paragraphs) for (const piece of piecesOf(text, paragraph, language)) pieces.push(piece)
  pieces = markEmbeddedPosts(text, pieces, language)
  pieces = markRepeatedLines(text, pieces)

  const at = (i: number) => toOriginal(normalized, i)
  const segments: Array<Segment> = []
  const spans: Array<SentenceSpan> = []
  let open: { piece: Piece; language: string; confidence: number; sentences: Array<Sentence>; end: number } | null = null
  const close = () => {
    if (open === null) return
    segments.push({
      role: open.piece.role,
      roleReason: open.piece.reason,
      language: open.language,
      languageConfidence: open.confidence,
      start: at(open.piece.start),
      end: at(open.end),
      author: open.piece.author,
      date: open.piece.date,
      sentences: open.sentences
    })
    open = null
  }
  // an embedded post is identified as a whole: its signature line alone says little
  const postTexts = new Map<string, Array<string>>()
  for (const p of pieces) {
    if (p.role !== "embedded-post") continue
    const author = p.author ?? ""
    const texts = postTexts.get(author)
    if (texts === undefined) postTexts.set(author, [text.slice(p.start, p.end)])
    else texts.push(text.slice(p.start, p.end))
  }
  const postLanguages = new Map<string, ReturnType<typeof identifyLanguage>>()
  for (const [author, texts] of postTexts) postLanguages.set(author, identifyLanguage(texts.join("\n"), { prior: language }))
  for (const piece of pieces) {
    const pieceText = text.slice(piece.start, piece.end)
    // a line of a few words (a headline, a caption) says too little to leave the article's language
    // a paragraph is identified on its own only when its function words clearly point elsewhere
    const verdict = piece.role === "embedded-post" ? "other" : paragraphVerdict(pieceText, language)
    const own = piece.role === "embedded-post"
      ? postLanguages.get(piece.author ?? "")!
      : verdict === "same" || (verdict === "undecided" && scriptOf(pieceText) === bodyScript())
      ? { language, confidence: guess.confidence }
      : keepsGivenLanguage(source.meta.language, pieceText, bodyScript)
      ? { language, confidence: 1 }
      : identifyLanguage(pieceText, { prior: language })
    // a paragraph never switches to a close sister of the article's language (Slovenian text does not turn Serbian mid-article)
    const pieceLanguage = own.language === "und" || sameGroup(own.language, language) ? language : own.language
    // the paragraph was split for the article's language already: the same split unless Greek rules now differ
    const ranges = piece.split !== undefined && piece.split.greek === (pieceLanguage === "el")
      ? piece.split.ranges
      : splitSentences(text, piece.start, piece.end, pieceLanguage)
    const sentences: Array<Sentence> = []
    for (const r of ranges) sentences.push({ start: at(r.start), end: at(r.end), paragraph: piece.paragraph })
    // reasons and authors are compared as text: a comparison compiled after seeing only nulls fails on a string
    const continues = open !== null && open.piece.role === piece.role && open.language === pieceLanguage &&
      (open.piece.author ?? "") === (piece.author ?? "") && (piece.role === "embedded-post" || (open.piece.reason ?? "") === (piece.reason ?? ""))
    const segment = continues ? segments.length : segments.length + (open === null ? 0 : 1)
    for (const r of ranges) {
      spans.push({ start: r.start, end: r.end, segment, paragraph: piece.paragraph, role: piece.role, language: pieceLanguage })
    }
    if (continues && open !== null) {
      for (const sentence of sentences) open.sentences.push(sentence)
      open.end = piece.end
      open.confidence = Math.min(open.confidence, own.confidence)
    } else {
      close()
      open = { piece, language: pieceLanguage, confidence: own.confidence, sentences, end: piece.end }
    }
  }
  close()

  const document: Document = {
    id: source.id,
    file: source.file,
    metaFile: source.metaFile,
    language,
    languageConfidence: guess.confidence,
    encoding: source.encoding,
    encodingDetail: source.encodingDetail,
    published: source.meta.published ?? header.date,
    headerSection: header.section,
    outlet: source.meta.outlet ?? null,
    url: source.meta.url ?? null,
    metaEvent: source.meta.event ?? null,
    length: source.text.length,
    segments
  }
  return { document, text: normalized, sentences: spans }
}

export class Normalize extends Context.Service<Normalize, {
  readonly source: (source: Source) => Effect.Effect<Normalized>
}>()("crossclaim/Normalize") {
  static readonly layer = Layer.succeed(Normalize, Normalize.of({
    source: Effect.fn("Normalize.source")((source: Source) => Effect.sync(() => normalizeSource(source)))
  }))
}
