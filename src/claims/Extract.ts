/**
 * Extract: analyzed sentences × the claim catalogue → matches with stance,
 * speaker, slots and cues; and, for explanations, every sentence's trial: which
 * of the claim's conditions held and which failed.
 */
import { Context, Effect, Layer } from "effect"
import type { Claim, Slot, SlotRule } from "./Catalogue.ts"
import type { Match, SlotValue } from "../domain/Match.ts"
import { Diagnostic } from "../domain/Document.ts"
import { Languages, type LanguageSet } from "../languages/Languages.ts"
import type { Normalized } from "../normalize/Normalize.ts"
import { toOriginal } from "../text/NormalizedText.ts"
import { type AnalyzedSentence, analyzeDocument, type LanguageTools, toolsFor } from "./Analysis.ts"
import type { Duration } from "./Durations.ts"
import { SpeakerMap } from "./Speakers.ts"

interface Span {
  readonly from: number
  readonly to: number
}

/** Where a term holds in a sentence: concept hits, entity mentions, or the durations read. */
const NONE: ReadonlyArray<Span> = []

const termSpans = (sentence: AnalyzedSentence, term: string): ReadonlyArray<Span> => sentence.terms.get(term) ?? NONE

const groupSpans = (sentence: AnalyzedSentence, group: ReadonlyArray<string>): Array<Span & { readonly term: string }> => {
  const spans: Array<Span & { readonly term: string }> = []
  for (const term of group) {
    const found = sentence.terms.get(term)
    if (found !== undefined) for (const s of found) spans.push({ from: s.from, to: s.to, term })
  }
  return spans
}

export interface Trial {
  readonly sentence: AnalyzedSentence
  /** per group of the claim: the term that held, or null */
  readonly groups: ReadonlyArray<string | null>
  readonly failed: string | null
  readonly match: Match | null
}

const distance = (a: Span, b: Span) => (a.to < b.from ? b.from - a.to : b.to < a.from ? a.from - b.to : 0)

/** The least distance from a span to any of the anchors, or `none` when there are none. */
const minDistance = (span: Span, anchors: ReadonlyArray<Span>, none: number): number => {
  let least = none
  for (const a of anchors) {
    const d = distance(span, a)
    if (d < least) least = d
  }
  return least
}

const nearestTo = <S extends Span>(spans: ReadonlyArray<S>, anchors: ReadonlyArray<Span>): S | undefined => {
  let best: S | undefined
  let bestDistance = Infinity
  for (const s of spans) {
    const d = anchors.length === 0 ? s.from : minDistance(s, anchors, Infinity)
    if (d < bestDistance) {
      best = s
      bestDistance = d
    }
  }
  return best
}

const ruleHolds = (rule: SlotRule, sentence: AnalyzedSentence, previous: AnalyzedSentence | undefined): ReadonlyArray<Span> | null => {
  const usePrevious = previous !== undefined && rule.orPreviousWith !== undefined && termSpans(sentence, rule.orPreviousWith).length > 0
  const spans: Array<Span> = []
  for (const group of rule.all) {
    const here = groupSpans(sentence, group)
    if (here.length > 0) {
      spans.push(...here)
      continue
    }
    if (usePrevious && groupSpans(previous, group).length > 0) continue
    return null
  }
  return spans
}

const slotValue = (slot: Slot, claim: Claim, sentence: AnalyzedSentence, previous: AnalyzedSentence | undefined, duration: Duration | undefined): SlotValue | undefined => {
  switch (slot.from) {
    case "duration-minutes":
      return duration?.minutes
    case "duration-approx":
      return duration === undefined ? undefined : duration.approx
    case "rules": {
      const anchors = groupSpans(sentence, slot.anchor === undefined ? claim.all[0] : [slot.anchor])
      let best: { readonly value: string; readonly distance: number } | undefined
      for (const rule of slot.rules) {
        const spans = ruleHolds(rule, sentence, previous)
        if (spans === null) continue
        if (slot.pick !== "nearest") return rule.value
        const near = nearestTo(spans, anchors)
        const d = near === undefined ? Infinity : minDistance(near, anchors, Infinity)
        if (best === undefined || d < best.distance) best = { value: rule.value, distance: d }
      }
      return best?.value ?? slot.default
    }
  }
}

/** A negation cue before the claim's cues in the same stretch of the sentence, or after them in their clause ("unterzeichnen es nicht"); never one inside a cue ("without reservation"). */
const negationFor = (sentence: AnalyzedSentence, first: number, last: number, cues: ReadonlyArray<Span>): number | null => {
  let scopeStart = Math.max(0, first - 12)
  for (let k = first; k > scopeStart; k--) {
    if (/;|\s-\s/.test(sentence.gaps[k]!)) {
      scopeStart = k
      break
    }
  }
  let scopeEnd = last
  while (scopeEnd + 1 < sentence.tokens.length && scopeEnd < last + 6 && !sentence.boundaryBefore[scopeEnd + 1]) scopeEnd++
  const cueQuote = sentence.quoteOf[first]
  // a negation strictly inside a longer cue ("without reservation") negates nothing; one that is the cue word itself
  // ("nepodepíší", "imzalamadı") does
  const insideCue = (h: Span) => cues.some((c) => c.from <= h.from && h.to <= c.to && c.to - c.from > h.to - h.from)
  // "not only … but also", "не менее", "no obstante": a negation word that negates nothing
  const exempt = (h: Span) => sentence.hits.some((x) => x.kind === "notNegation" && x.from <= h.from && h.to <= x.to)
  const hit = sentence.hits.find((h) =>
    h.kind === "negation" && h.from >= scopeStart && h.from <= scopeEnd && sentence.quoteOf[h.from] === cueQuote && !insideCue(h) && !exempt(h)
  )
  return hit === undefined ? null : hit.from
}

/** What a claim comes to for the search, worked out the first time it is asked for, once per claim of the catalogue. */
const perClaim = <A>(compute: (claim: Claim) => A): ((claim: Claim) => A) => {
  const known = new WeakMap<Claim, A>()
  return (claim) => {
    let value = known.get(claim)
    if (value === undefined) {
      value = compute(claim)
      known.set(claim, value)
    }
    return value
  }
}

/** The groups a sentence must hold a term of for the claim to match: all but those a speaker may satisfy. */
const requiredGroups = perClaim((claim): ReadonlyArray<ReadonlyArray<string>> =>
  claim.all.filter((group) => !group.some((t) => t.startsWith("speaker:")))
)

const holdsAll = (sentence: AnalyzedSentence, groups: ReadonlyArray<ReadonlyArray<string>>): boolean => {
  const { terms } = sentence
  for (const group of groups) {
    let holds = false
    for (const term of group) {
      if (terms.has(term)) {
        holds = true
        break
      }
    }
    if (!holds) return false
  }
  return true
}

/** Concept ids are upper case, entity ids lower case: /^[A-Z]/ on the term. */
const isConcept = (term: string): boolean => {
  const c = term.charCodeAt(0)
  return c >= 65 && c <= 90
}

/** For each group of a claim: whether it names a concept. */
const conceptGroupsOf = perClaim((claim): ReadonlyArray<boolean> => claim.all.map((group) => group.some(isConcept)))

const slotNamesOf = perClaim((claim): ReadonlyArray<string> => Object.keys(claim.slots).sort())

/** The roles of the sentence spans of the document matched last, by where they start (the first span starting there). */
let rolesOf: { readonly normalized: Normalized; readonly byStart: ReadonlyMap<number, string> } | undefined

/** The role of the first sentence span that starts at `start` ("body" when none does). */
const roleAt = (normalized: Normalized, start: number): string => {
  if (rolesOf === undefined || rolesOf.normalized !== normalized) {
    const byStart = new Map<number, string>()
    for (const s of normalized.sentences) if (!byStart.has(s.start)) byStart.set(s.start, s.role)
    rolesOf = { normalized, byStart }
  }
  return rolesOf.byStart.get(start) ?? "body"
}

/** Every term a claim reads: its groups, its slot rules and their anchors. */
const claimTerms = perClaim((claim): ReadonlySet<string> => {
  const all = new Set<string>(claim.all.flat())
  for (const slot of Object.values(claim.slots)) {
    if (slot.from !== "rules") continue
    for (const rule of slot.rules) for (const group of rule.all) for (const term of group) all.add(term)
    if (slot.anchor !== undefined) all.add(slot.anchor)
  }
  return all
})

/**
 * One hit per group, as close together as possible: every hit of the first
 * concept group is tried as the anchor and the others take their nearest hit.
 */
const chooseCues = (
  found: ReadonlyArray<ReadonlyArray<Span & { readonly term: string }>>,
  isConcept: ReadonlyArray<boolean>
): Array<(Span & { readonly term: string }) | undefined> => {
  const anchorGroup = Math.max(0, isConcept.indexOf(true))
  let best: Array<(Span & { readonly term: string }) | undefined> = []
  let bestWidth = Infinity
  for (const anchor of found[anchorGroup] ?? []) {
    // built by push, as every list evaluate reads: a list made by map is of another kind
    const pick: Array<(Span & { readonly term: string }) | undefined> = []
    for (let g = 0; g < found.length; g++) pick.push(g === anchorGroup ? anchor : nearestTo(found[g]!, [anchor]))
    // the width of the concept cues, in a plain loop (see evaluate)
    let from = Infinity
    let to = -Infinity
    for (let g = 0; g < pick.length; g++) {
      const p = pick[g]
      if (p === undefined || isConcept[g] !== true) continue
      if (p.from < from) from = p.from
      if (p.to > to) to = p.to
    }
    const width = to === -Infinity ? 0 : to - from
    if (width < bestWidth) {
      best = pick
      bestWidth = width
    }
  }
  return best
}

/** The first cue that names a person standing at its place among the sentence's candidates: who does what the claim says. */
const actorOf = (
  chosen: ReadonlyArray<(Span & { readonly term: string }) | undefined>,
  sentence: AnalyzedSentence
): (Span & { readonly term: string }) | undefined => {
  for (const c of chosen) {
    if (c === undefined) continue
    for (const p of sentence.candidates) if (p.kind === "person" && p.from === c.from && p.speaker === c.term) return c
  }
  return undefined
}

/** For each group of a claim: the speakers its `speaker:` terms name. */
const speakersWanted = perClaim((claim): ReadonlyArray<ReadonlyArray<string>> =>
  claim.all.map((group) => group.filter((t) => t.startsWith("speaker:")).map((t) => t.slice("speaker:".length)))
)

export const evaluate = (
  claim: Claim,
  sentence: AnalyzedSentence,
  previous: AnalyzedSentence | undefined,
  speakers: SpeakerMap,
  source: { readonly id: string; readonly normalized: Normalized }
): Trial => {
  const groups: Array<string | null> = []
  const deferred: Array<number> = []
  const found: Array<ReadonlyArray<Span & { readonly term: string }>> = []
  for (const group of claim.all) {
    const spans = groupSpans(sentence, group)
    if (spans.length === 0) {
      if (group.some((t) => t.startsWith("speaker:"))) {
        deferred.push(groups.length)
        groups.push(null)
        found.push([])
        continue
      }
      groups.push(null)
      const rest = claim.all.slice(groups.length).map((g) => groupSpans(sentence, g)[0]?.term ?? null)
      return { sentence, groups: [...groups, ...rest], failed: `no ${group.join(" / ")}`, match: null }
    }
    groups.push(spans[0]!.term)
    found.push(spans)
  }
  const conceptGroups = conceptGroupsOf(claim)
  const chosen = chooseCues(found, conceptGroups)
  // The cues are read in plain loops. This code sees lists of every length, and an array built-in (filter, map,
  // a spread) is compiled for the kinds of list it has seen: each new kind de-optimized this function, which was
  // then compiled again, in every worker.
  /** the first concept cue, else the first cue: where the claim is read from */
  let anchor: (Span & { readonly term: string }) | undefined
  let firstCue: (Span & { readonly term: string }) | undefined
  let durationCue: (Span & { readonly term: string }) | undefined
  /** the extent of the concept cues */
  let first = Infinity
  let last = -Infinity
  /** the cues of the groups that name a concept: they must sit close together (a group of names only, who is meant, may be anywhere) */
  let near = 0
  let nearFrom = Infinity
  let nearTo = -Infinity
  for (let g = 0; g < chosen.length; g++) {
    const c = chosen[g]
    if (c === undefined) continue
    groups[g] = c.term
    firstCue ??= c
    if (c.term === "DURATION") durationCue ??= c
    if (isConcept(c.term)) {
      anchor ??= c
      if (c.from < first) first = c.from
      if (c.to > last) last = c.to
    }
    if (conceptGroups[g] === true) {
      near++
      if (c.from < nearFrom) nearFrom = c.from
      if (c.to > nearTo) nearTo = c.to
    }
  }
  if (claim.within !== undefined && near > 1) {
    const width = nearTo - nearFrom
    if (width > claim.within) return { sentence, groups, failed: `the cues are ${width} words apart, more than ${claim.within}`, match: null }
  }
  anchor ??= firstCue!
  if (anchor.from < first) first = anchor.from
  if (anchor.to > last) last = anchor.to
  // an act ("raised a toast") belongs to the person the claim names, as written in the sentence
  const actor = claim.speakerRole === "agent" ? actorOf(chosen, sentence) : undefined
  const attribution = actor !== undefined ? { speaker: actor.term, via: "agent" as const } : speakers.speakerAt(sentence.index, anchor.from, claim.speakerRole)
  for (const g of deferred) {
    const wanted = speakersWanted(claim)[g]!
    if (!wanted.includes(attribution.speaker)) {
      return { sentence, groups, failed: `speaker is ${attribution.speaker}, not ${wanted.join(" / ")}`, match: null }
    }
    groups[g] = `speaker:${attribution.speaker}`
  }
  // a negation inside the words of any concept the claim reads ("without reservation" is UNCONDITIONAL) negates nothing
  const conceptSpans = sentence.hits.filter((h) => h.kind === "concept" && claimTerms(claim).has(h.id))
  const negation = negationFor(sentence, first, last, conceptSpans)
  const negated = negation !== null
  const stance = (claim.polarity === "positive") === negated ? "contradicts" : "affirms"
  const duration = durationCue === undefined ? undefined : sentence.durations.find((d) => d.from === durationCue.from)
  const slots: Record<string, SlotValue> = {}
  for (const name of slotNamesOf(claim)) {
    const value = slotValue(claim.slots[name]!, claim, sentence, previous, duration)
    if (value !== undefined) slots[name] = value
  }
  const { text } = source.normalized
  const start = toOriginal(text, sentence.start)
  const end = toOriginal(text, sentence.end)
  // the tokens of the cues, ascending, each once
  const cueTokens: Array<number> = []
  for (const c of chosen) if (c !== undefined) for (let i = c.from; i <= c.to; i++) cueTokens.push(i)
  cueTokens.sort((a, b) => a - b)
  let cueCount = 0
  for (let k = 0; k < cueTokens.length; k++) if (k === 0 || cueTokens[k] !== cueTokens[k - 1]) cueTokens[cueCount++] = cueTokens[k]!
  cueTokens.length = cueCount
  // built from values the extractor computed and typed itself: a plain record, without the constructor's checks
  const match: Match = {
    sourceId: source.id,
    claimId: claim.id,
    eventId: null,
    language: sentence.language,
    stance,
    speaker: attribution.speaker,
    speakerVia: attribution.via,
    slots,
    sentence: text.original.slice(start, end),
    start,
    end,
    cues: cueTokens.map((i) => sentence.tokens[i]!.raw),
    negation: negation === null ? null : sentence.tokens[negation]!.raw,
    segmentRole: roleAt(source.normalized, sentence.start),
    backReference: sentence.hits.some((h) => h.kind === "past"),
    timeCues: timeCuesOf(sentence)
  }
  return { sentence, groups, failed: null, match }
}

/** A year written out: "2019", not "1950er" (the length first: most words are not four units long). */
const YEAR = /^(?:19|20)\d\d$/
const isYear = (word: string): boolean => word.length === 4 && YEAR.test(word)

/** Explicit years and past markers of a sentence, as written. */
const timeCuesOf = (sentence: AnalyzedSentence): Array<string> => {
  const cues: Array<{ readonly at: number; readonly text: string }> = []
  for (const h of sentence.hits) {
    if (h.kind === "past") cues.push({ at: h.from, text: sentence.tokens.slice(h.from, h.to + 1).map((t) => t.raw).join(" ") })
  }
  sentence.tokens.forEach((t, i) => {
    if (isYear(t.raw)) cues.push({ at: i, text: t.raw })
  })
  return cues.sort((a, b) => a.at - b.at).map((c) => c.text)
}

/** What places a document in time: years it names outside looking-back sentences, and "today", "yesterday", weekdays. */
export interface TimeSignals {
  readonly years: ReadonlyArray<number>
  /** "today", "yesterday", or a weekday 1–7 (Monday first) */
  readonly dayReferences: ReadonlyArray<string>
}

const timeSignalsOf = (sentences: ReadonlyArray<AnalyzedSentence>): TimeSignals => {
  const years: Array<number> = []
  const dayReferences: Array<string> = []
  for (const sentence of sentences) {
    if (sentence.hits.some((h) => h.kind === "past")) continue
    for (const t of sentence.tokens) if (isYear(t.raw)) years.push(Number(t.raw))
    for (const h of sentence.hits) {
      if (h.kind === "today" || h.kind === "yesterday") dayReferences.push(h.kind)
      if (h.kind === "weekday") dayReferences.push(h.id)
    }
  }
  return { years, dayReferences }
}

export interface Extracted {
  readonly matches: ReadonlyArray<Match>
  readonly diagnostics: ReadonlyArray<Diagnostic>
  readonly time: TimeSignals
}

/** Everything a claim search over one document needs, built once. */
export interface PreparedDocument {
  readonly id: string
  readonly normalized: Normalized
  readonly sentences: ReadonlyArray<AnalyzedSentence>
  readonly speakers: SpeakerMap
  readonly missingLanguages: ReadonlyArray<string>
}

export interface Extractor {
  readonly prepare: (normalized: Normalized) => PreparedDocument
  readonly trials: (prepared: PreparedDocument, claim: Claim) => ReadonlyArray<Trial>
  readonly extract: (prepared: PreparedDocument, claims: ReadonlyArray<Claim>) => Extracted
}

/** The claim search over one set of language resources. */
export const makeExtractor = (languages: LanguageSet): Extractor => {
  const tools = new Map<string, LanguageTools | undefined>()
  const toolsOf = (language: string): LanguageTools | undefined => {
    if (tools.has(language)) return tools.get(language)
    const resource = languages.resources.get(language)
    const lexicon = languages.lexicon(language)
    const made = resource === undefined || lexicon === undefined ? undefined : toolsFor(resource, lexicon)
    tools.set(language, made)
    return made
  }

  const prepare = (normalized: Normalized): PreparedDocument => {
    const sentences = analyzeDocument(normalized, languages.entities, toolsOf)
    const missing = [...new Set(normalized.sentences.filter((s) => s.role !== "boilerplate" && toolsOf(s.language) === undefined).map((s) => s.language))].sort()
    return { id: normalized.document.id, normalized, sentences, speakers: new SpeakerMap(sentences), missingLanguages: missing }
  }

  const trials = (prepared: PreparedDocument, claim: Claim): ReadonlyArray<Trial> =>
    prepared.sentences.map((sentence) => evaluate(claim, sentence, previousInSegment(prepared.sentences, sentence), prepared.speakers, prepared))

  const extract = (prepared: PreparedDocument, claims: ReadonlyArray<Claim>): Extracted => {
    const matches: Array<Match> = []
    const { sentences } = prepared
    for (const claim of claims) {
      const required = requiredGroups(claim)
      for (const sentence of sentences) {
        // a sentence without any term of a group the claim needs is no match: its trial is not made
        if (!holdsAll(sentence, required)) continue
        const trial = evaluate(claim, sentence, previousInSegment(sentences, sentence), prepared.speakers, prepared)
        if (trial.match !== null) matches.push(trial.match)
      }
    }
    const diagnostics = prepared.missingLanguages.map((language) =>
      new Diagnostic({
        code: "no-resources",
        sourceId: prepared.id,
        message: `no resources for ${language}: claims not searched in its ${language === prepared.normalized.document.language ? "text" : "segments in that language"}`
      })
    )
    return { matches, diagnostics, time: timeSignalsOf(prepared.sentences) }
  }

  return { prepare, trials, extract }
}

export class ExtractClaims extends Context.Service<ExtractClaims, Extractor>()("crossclaim/ExtractClaims") {
  static readonly layer = Layer.effect(ExtractClaims, Effect.map(Languages, (languages) => ExtractClaims.of(makeExtractor(languages))))
}

const previousInSegment = (sentences: ReadonlyArray<AnalyzedSentence>, sentence: AnalyzedSentence): AnalyzedSentence | undefined => {
  const previous = sentences[sentence.index - 1]
  return previous !== undefined && previous.segment === sentence.segment ? previous : undefined
}
