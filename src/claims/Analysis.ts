/**
 * A normalized document → its searchable sentences, each with tokens, lexicon
 * hits, entity mentions, durations, quotation spans and clause boundaries: what
 * claim matching and speaker attribution read.
 */
import type { EntityIndex } from "../languages/Entities.ts"
import type { Hit, Lexicon } from "../languages/Lexicon.ts"
import type { LanguageResource } from "../languages/LanguageResource.ts"
import type { Normalized } from "../normalize/Normalize.ts"
import { toOriginal } from "../text/NormalizedText.ts"
import { type Token, tokenizeForms } from "../text/Tokens.ts"
import { DurationReader, type Duration } from "./Durations.ts"
import { quoteSpans } from "./Quotes.ts"

/** Someone a statement can be attributed to, found in a sentence. */
export interface Candidate {
  readonly speaker: string
  readonly kind: "person" | "organisation" | "group" | "media"
  readonly from: number
  readonly to: number
}

export interface AnalyzedSentence {
  /** position among the document's searchable sentences */
  readonly index: number
  readonly segment: number
  readonly paragraph: number
  readonly language: string
  /** positions in the normalized text */
  readonly start: number
  readonly end: number
  readonly tokens: ReadonlyArray<Token>
  /** the text between token i-1 (or the sentence start) and token i */
  readonly gaps: ReadonlyArray<string>
  readonly hits: ReadonlyArray<Hit>
  /** entity ids with token positions: names and the language's descriptions */
  readonly entities: ReadonlyArray<{ readonly id: string; readonly from: number; readonly to: number }>
  readonly candidates: ReadonlyArray<Candidate>
  readonly durations: ReadonlyArray<Duration>
  /** for each token: the id of the quotation it stands in, or -1 */
  readonly quoteOf: ReadonlyArray<number>
  /** quotations touching this sentence: id → whether it opens/closes inside the sentence */
  readonly quotes: ReadonlyMap<number, { readonly opensHere: boolean; readonly closesHere: boolean; readonly openToken: number; readonly closeToken: number }>
  /** for each token: whether a clause boundary (, ; : dash, quote) stands right before it */
  readonly boundaryBefore: ReadonlyArray<boolean>
  /** where each concept, entity and DURATION holds, for the claim search */
  readonly terms: ReadonlyMap<string, ReadonlyArray<{ readonly from: number; readonly to: number }>>
}

const indexTerms = (
  hits: ReadonlyArray<Hit>,
  entities: ReadonlyArray<{ readonly id: string; readonly from: number; readonly to: number }>,
  durations: ReadonlyArray<Duration>
) => {
  const terms = new Map<string, Array<{ readonly from: number; readonly to: number }>>()
  const add = (term: string, span: { readonly from: number; readonly to: number }) => {
    const list = terms.get(term)
    if (list === undefined) terms.set(term, [span])
    else list.push(span)
  }
  for (const h of hits) if (h.kind === "concept") add(h.id, h)
  for (const e of entities) add(e.id, e)
  for (const d of durations) add("DURATION", d)
  return terms
}

export interface LanguageTools {
  readonly resource: LanguageResource
  readonly lexicon: Lexicon
  readonly durations: DurationReader
}

const toolCache = new WeakMap<Lexicon, DurationReader>()

export const toolsFor = (resource: LanguageResource, lexicon: Lexicon): LanguageTools => {
  let durations = toolCache.get(lexicon)
  if (durations === undefined) {
    durations = new DurationReader(resource, lexicon)
    toolCache.set(lexicon, durations)
  }
  return { resource, lexicon, durations }
}

const BOUNDARY = /[,;:()\[\]"«»„“”]|\s-\s|^-\s|\s-$/

const candidateKind = (kind: string): Candidate["kind"] | null =>
  kind === "person" ? "person" : kind === "organisation" ? "organisation" : kind === "media" ? "media" : null

/**
 * Whether a list is already in strictly increasing (from, id) order: no two alike, so sorting would leave it as
 * it is.
 */
const entitiesOrdered = (list: ReadonlyArray<{ readonly id: string; readonly from: number }>): boolean => {
  for (let k = 1; k < list.length; k++) {
    const a = list[k - 1]!
    const b = list[k]!
    if (!(a.from < b.from || (a.from === b.from && a.id < b.id))) return false
  }
  return true
}

/** Whether candidates are already in strictly increasing (from, speaker) order. */
const candidatesOrdered = (list: ReadonlyArray<Candidate>): boolean => {
  for (let k = 1; k < list.length; k++) {
    const a = list[k - 1]!
    const b = list[k]!
    if (!(a.from < b.from || (a.from === b.from && a.speaker < b.speaker))) return false
  }
  return true
}

/**
 * @param toolsOf the tools for a language, or undefined when there are no resources for it
 */
export const analyzeDocument = (
  normalized: Normalized,
  entities: EntityIndex,
  toolsOf: (language: string) => LanguageTools | undefined
): Array<AnalyzedSentence> => {
  const { text, sentences } = normalized
  const original = text.original
  const at = (i: number) => toOriginal(text, i)

  // Quotations are found per paragraph, then cut per sentence.
  const paragraphExtent = new Map<number, { start: number; end: number }>()
  for (const span of sentences) {
    const extent = paragraphExtent.get(span.paragraph)
    if (extent === undefined) paragraphExtent.set(span.paragraph, { start: span.start, end: span.end })
    else {
      if (span.start < extent.start) extent.start = span.start
      if (span.end > extent.end) extent.end = span.end
    }
  }
  const paragraphQuotes = new Map<number, ReturnType<typeof quoteSpans>>()
  for (const [paragraph, { start, end }] of paragraphExtent) paragraphQuotes.set(paragraph, quoteSpans(original, start, end, at))
  const quoteIds = new Map<string, number>()

  const analyzed: Array<AnalyzedSentence> = []
  for (const span of sentences) {
    if (span.role === "boilerplate") continue
    const tools = toolsOf(span.language)
    if (tools === undefined) continue
    const { tokens, forms: wordForms } = tokenizeForms(text.text, span.start, span.end)
    const n = tokens.length
    const gaps: Array<string> = []
    for (let i = 0; i < n; i++) gaps.push(text.text.slice(i === 0 ? span.start : tokens[i - 1]!.end, tokens[i]!.start))
    const { forms, hits } = tools.lexicon.analyze(tokens, wordForms)
    // the names found (a fresh list) then the language's descriptions, by position
    const allEntities: Array<{ readonly id: string; readonly from: number; readonly to: number }> = entities.mentions(tokens, wordForms)
    for (const h of hits) if (h.kind === "entity") allEntities.push({ id: h.id, from: h.from, to: h.to })
    if (!entitiesOrdered(allEntities)) allEntities.sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1))
    const candidates: Array<Candidate> = []
    for (const e of allEntities) {
      const speaker = entities.speakers.get(e.id)
      const kind = candidateKind(entities.kinds.get(e.id) ?? "")
      if (speaker !== undefined && kind !== null) candidates.push({ speaker, kind, from: e.from, to: e.to })
    }
    for (const h of hits) {
      if (h.kind === "group") candidates.push({ speaker: h.id, kind: h.id === "media" ? "media" : "group", from: h.from, to: h.to })
    }
    if (!candidatesOrdered(candidates)) candidates.sort((a, b) => a.from - b.from || (a.speaker < b.speaker ? -1 : 1))

    const quoteOf: Array<number> = []
    for (let i = 0; i < n; i++) quoteOf.push(-1)
    const quotes = new Map<number, { opensHere: boolean; closesHere: boolean; openToken: number; closeToken: number }>()
    for (const q of paragraphQuotes.get(span.paragraph) ?? []) {
      if (q.close < span.start || q.open >= span.end) continue
      const key = `${span.paragraph}:${q.open}`
      let id = quoteIds.get(key)
      if (id === undefined) {
        id = quoteIds.size
        quoteIds.set(key, id)
      }
      let openToken = n
      let closeToken = -1
      for (let i = 0; i < n; i++) {
        const t = tokens[i]!
        if (t.start > q.open && t.end <= q.close) {
          quoteOf[i] = id
          if (i < openToken) openToken = i
          if (i > closeToken) closeToken = i
        }
      }
      quotes.set(id, { opensHere: q.open >= span.start, closesHere: q.close < span.end, openToken, closeToken })
    }

    const durations = tools.durations.read(tokens, gaps, hits, forms.folded, wordForms)
    // most gaps are one space, which is no boundary
    const boundaryBefore: Array<boolean> = []
    for (let i = 0; i < n; i++) {
      const g = gaps[i]!
      boundaryBefore.push(i > 0 && g !== " " && BOUNDARY.test(g))
    }
    analyzed.push({
      index: analyzed.length,
      segment: span.segment,
      paragraph: span.paragraph,
      language: span.language,
      start: span.start,
      end: span.end,
      tokens,
      gaps,
      hits,
      entities: allEntities,
      candidates,
      durations,
      quoteOf,
      quotes,
      boundaryBefore,
      terms: indexTerms(hits, allEntities, durations)
    })
  }
  return analyzed
}
