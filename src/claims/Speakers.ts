/**
 * Who says what in a document: speech verbs with their subjects and the span of
 * what they report, quotations with their speakers, attribution phrases, and the
 * last named speaker a pronoun or a dropped subject points back to.
 */
import type { AnalyzedSentence, Candidate } from "./Analysis.ts"

export interface Attribution {
  readonly speaker: string
  /** how it was found, for explanations */
  readonly via: "quote" | "speech-verb" | "attribution" | "agent" | "narrator"
}

export const NARRATOR: Attribution = { speaker: "narrator", via: "narrator" }

interface SpeechEvent {
  readonly from: number
  readonly to: number
  /** token where the reported content starts after a complementizer or colon; null when there is none */
  readonly contentStart: number | null
  /** the subject; null when none is named (a pronoun or a dropped subject) */
  readonly subject: Candidate | null
  readonly impersonal: boolean
  /** the verb follows a clause boundary and reports what stands before it */
  readonly postposed: boolean
}

const RANK: Record<Candidate["kind"], number> = { person: 0, organisation: 1, group: 2, media: 3 }

/** The best subject in a zone: persons before organisations before groups before media, nearest the verb first. */
const pickSubject = (candidates: ReadonlyArray<Candidate>, from: number, to: number, verb: number, exclude: (i: number) => boolean): Candidate | null => {
  let best: Candidate | null = null
  for (const c of candidates) {
    if (c.from < from || c.to > to || exclude(c.from)) continue
    if (best === null) {
      best = c
      continue
    }
    const rank = RANK[c.kind] - RANK[best.kind]
    const nearer = Math.abs(c.from - verb) < Math.abs(best.from - verb)
    if (rank < 0 || (rank === 0 && nearer)) best = c
  }
  return best
}

const clauseStart = (sentence: AnalyzedSentence, position: number): number => {
  let i = position
  while (i > 0 && !sentence.boundaryBefore[i]) i--
  return i
}

const clauseEnd = (sentence: AnalyzedSentence, position: number): number => {
  let i = position
  while (i + 1 < sentence.tokens.length && !sentence.boundaryBefore[i + 1]) i++
  return i
}

const has = (sentence: AnalyzedSentence, kind: string, from: number, to: number) =>
  sentence.hits.some((h) => h.kind === kind && h.from >= from && h.from <= to)

const pronounBetween = (sentence: AnalyzedSentence, from: number, to: number) => has(sentence, "pronoun", from, to)

/** The source an attribution phrase names: the first candidate after "according to" (before the next boundary), the last one before "zufolge". */
const attributionSource = (sentence: AnalyzedSentence, hit: { readonly kind: string; readonly from: number; readonly to: number }): Candidate | null => {
  // "po Putinovih besedah": the source stands inside the phrase
  const inside = sentence.candidates.find((c) => c.from > hit.from && c.to < hit.to)
  if (inside !== undefined) return inside
  if (hit.kind === "attributionBefore") {
    // the window ends at a boundary or at a speech verb ("po poročanju agencij dejal Kim": Kim is the speaker, not the source),
    // except a verb right after the marker ("según explicó el portavoz")
    const verbAt = (k: number) => sentence.hits.some((h) => h.kind === "speech" && h.from === k)
    let end = hit.to + 1
    while (end + 1 < sentence.tokens.length && end < hit.to + 8 && !sentence.boundaryBefore[end + 1] && !verbAt(end + 1)) end++
    return sentence.candidates.find((c) => c.from > hit.to && c.from <= end) ?? null
  }
  let start = hit.from - 1
  while (start > 0 && start > hit.from - 8 && !sentence.boundaryBefore[start]) start--
  // the phrase is headed by its source: "A TASZSZ jelentése szerint", "Peskov'un … açıklamaya göre"
  return sentence.candidates.find((c) => c.to < hit.from && c.from >= start) ?? null
}

/** Token positions of attribution phrases and the sources they name ("Berichten … zufolge"): not the subject of a speech verb. */
const attributionSources = (sentence: AnalyzedSentence): Set<number> => {
  const positions = new Set<number>()
  for (const hit of sentence.hits) {
    if (hit.kind !== "attributionBefore" && hit.kind !== "attributionAfter") continue
    const source = attributionSource(sentence, hit)
    // the whole phrase: "A TASZSZ jelentése szerint", "according to the agency TASS", "volgens het persbureau KCNA"
    const from = source === null ? hit.from : Math.min(source.from, hit.from)
    let to = source === null ? hit.to : Math.max(source.to, hit.to)
    if (hit.kind === "attributionBefore") {
      // "het persbureau KCNA": a name of the same source right after it, with no comma between
      const sameSource = (c: Candidate) => c.from === to + 1 && c.kind !== "person" && !sentence.boundaryBefore[c.from]
      for (let next = sentence.candidates.find(sameSource); next !== undefined; next = sentence.candidates.find(sameSource)) to = next.to
    }
    for (let k = from; k <= to; k++) positions.add(k)
  }
  return positions
}

/**
 * The subject of a verb in a zone: a candidate opening its clause before the verb
 * ("Putin said", "Der russische Präsident Putin gab bekannt"), else one right
 * after the verb (inverted: "sagte Kim", "je dejal Kim", "betonte das Oberhaupt
 * Kim"), else any candidate before it.
 */
const chooseSubject = (sentence: AnalyzedSentence, from: number, to: number, verb: { readonly from: number; readonly to: number }, exclude: (i: number) => boolean): Candidate | null => {
  const before = sentence.candidates.filter((c) => c.from >= from && c.to < verb.from && !exclude(c.from))
  const lead = (c: Candidate) => {
    let words = 0
    for (let k = clauseStart(sentence, c.from); k < c.from; k++) if (!exclude(k)) words++
    return words <= 2
  }
  const initial = before.filter(lead)
  const after = sentence.candidates.filter((c) => c.from > verb.to && c.from <= Math.min(to, verb.to + 5) && !exclude(c.from))
  const best = (list: ReadonlyArray<Candidate>, first: boolean) => {
    if (list.length === 0) return null
    const rank = Math.min(...list.map((c) => RANK[c.kind]))
    const ofRank = list.filter((c) => RANK[c.kind] === rank)
    return first ? ofRank[0]! : ofRank.reduce((a, b) => (Math.abs(b.from - verb.from) < Math.abs(a.from - verb.from) ? b : a))
  }
  return best(initial, true) ?? best(after, false) ?? best(before, false)
}

const speechEvents = (sentence: AnalyzedSentence): Array<SpeechEvent> => {
  const events: Array<SpeechEvent> = []
  const n = sentence.tokens.length
  const inQuote = (i: number) => sentence.quoteOf[i] !== -1
  const attributed = attributionSources(sentence)
  // a headline in the form "Kim Jong-un: …" gives the speaker before the colon
  const lead = sentence.candidates[0]
  if (lead !== undefined && lead.kind === "person" && lead.from <= 1) {
    const colon = sentence.tokens.findIndex((_, k) => k > lead.to && k <= lead.to + 3 && sentence.gaps[k]!.includes(":"))
    if (colon !== -1) events.push({ from: lead.from, to: colon - 1, contentStart: colon, subject: lead, impersonal: false, postposed: false })
  }
  for (const verb of sentence.hits.filter((h) => h.kind === "speech")) {
    if (inQuote(verb.from) || attributed.has(verb.from)) continue
    let contentStart: number | null = null
    for (let k = verb.to + 1; k <= Math.min(n - 1, verb.to + 12); k++) {
      // a complementizer beyond a clause boundary belongs to another clause, unless the boundary only
      // sets off a name ("aseguró al presidente ruso, Vladímir Putin, que …")
      const opensName = sentence.candidates.some((c) => c.from === k || c.from === k + 1)
      if (k > verb.to + 1 && sentence.boundaryBefore[k] && !opensName && !sentence.hits.some((h) => h.kind === "complementizer" && h.from === k) && !sentence.gaps[k]!.includes(":")) break
      if (sentence.gaps[k]!.includes(":")) {
        contentStart = k
        break
      }
      if (sentence.hits.some((h) => h.kind === "complementizer" && h.from === k)) {
        contentStart = k + 1
        break
      }
    }
    const impersonal = sentence.hits.some((h) => h.kind === "impersonal" && h.from <= verb.to + 2 && h.to >= verb.from - 2)
    const excluded = (i: number) => inQuote(i) || attributed.has(i) || (contentStart !== null && i >= contentStart)
    let zone: [number, number]
    let subject: Candidate | null
    if (contentStart !== null) {
      zone = [0, contentStart - 1]
      subject = chooseSubject(sentence, 0, contentStart - 1, verb, excluded)
    } else {
      let start = clauseStart(sentence, verb.from)
      // "Putin je, prema agenciji RIA, govorio …": a clause that is only an attribution phrase does not cut the subject off
      while (start > 0) {
        const before = clauseStart(sentence, start - 1)
        let onlyAttribution = true
        for (let k = before; k < start; k++) if (!attributed.has(k)) onlyAttribution = false
        if (!onlyAttribution || before === 0) break
        start = clauseStart(sentence, before - 1)
      }
      zone = [start, Math.min(clauseEnd(sentence, verb.to), verb.to + 5)]
      subject = chooseSubject(sentence, start, zone[1], verb, excluded)
      // "Peskov, görüşmede anlaşma imzalanmayacağını söyledi.": a verb that ends the sentence, its subject
      // named first and set off by a comma, reports everything between them
      const lead = sentence.candidates[0]
      if (subject === null && verb.to === n - 1 && lead !== undefined && lead.from <= 1 && !excluded(lead.from) && sentence.boundaryBefore[lead.to + 1] === true) {
        subject = lead
        contentStart = lead.to + 1
      }
    }
    // a pronoun nearer the verb than the named candidate is the real subject ("asked about Putin, he said")
    if (subject !== null && subject.from < verb.from && pronounBetween(sentence, subject.to + 1, verb.from - 1)) subject = null
    // a named place or country as subject ("Moscow has not expressed…") is nobody on the speaker list: not the last speaker either
    const otherSubject = subject === null && !pronounBetween(sentence, zone[0], zone[1]) &&
      sentence.entities.some((e) => e.from >= zone[0] && e.to < verb.from && !excluded(e.from))
    // "… - jelentette ki Kim …", "…, sagte Putin": the verb follows what it reports
    // the boundary may stand a few words before the verb ("…, a encore déclaré Kim", "…, ha poi dichiarato Kim")
    let boundaryAt = -1
    for (let k = verb.from; k >= Math.max(1, verb.from - 3); k--) {
      if (sentence.candidates.some((c) => c.from >= k && c.from < verb.from)) break
      if (sentence.boundaryBefore[k]) {
        boundaryAt = k
        break
      }
    }
    const afterReporting = boundaryAt > 0 && sentence.hits.some((h) => h.kind === "speech" && h.to === boundaryAt - 1)
    const postposed = contentStart === null && verb.from > 1 && boundaryAt !== -1 && !afterReporting &&
      (subject === null || subject.from > verb.to)
    events.push({ from: verb.from, to: verb.to, contentStart, subject, impersonal: impersonal || otherSubject, postposed })
  }
  return events
}

/** Whether a speech event reports what stands at `position`. */
const governs = (sentence: AnalyzedSentence, event: SpeechEvent, position: number): boolean => {
  if (event.contentStart !== null) return position >= event.contentStart
  if (position > event.to) return !event.postposed
  if (position >= event.from) return false
  // a verb closing its clause ("Putyin lehetőséget lát", "…, dass Putin Chancen sieht"): its subject opens the clause, before what it says
  const start = clauseStart(sentence, event.from)
  if (position >= start && event.subject !== null && event.subject.to < position && event.subject.from >= start) return true
  // after a quotation the reporting clause reports the quotation, not its own circumstances
  const lastClose = Math.max(-1, ...[...sentence.quotes.values()].filter((q) => q.closesHere && q.closeToken < event.from).map((q) => q.closeToken))
  if (lastClose !== -1 && position > lastClose) return false
  // content before the verb: "…, sagte Putin" / "… - jelentette ki Kim" / "…, wie Peskow erklärte"
  let boundary = -1
  for (let k = event.from; k > position; k--) {
    if (sentence.boundaryBefore[k]) {
      boundary = k
      break
    }
  }
  if (boundary === -1) return false
  const nearSubject = sentence.candidates.some((c) => (c.from >= boundary && c.from < event.from) || (c.from > event.to && c.from <= event.to + 5))
  const shortTail = event.from - boundary <= 2 && sentence.tokens.length - 1 - event.to <= 3
  return nearSubject || pronounBetween(sentence, boundary, event.to + 3) || shortTail
}

/** Resolves speakers for the sentences of one document, in order. */
export class SpeakerMap {
  private readonly events: ReadonlyArray<ReadonlyArray<SpeechEvent>>
  /** the last explicitly named speaker before each sentence */
  private readonly topicBefore: Array<Candidate | null> = []
  private readonly quoteSpeakers = new Map<number, Attribution>()

  constructor(private readonly sentences: ReadonlyArray<AnalyzedSentence>) {
    this.events = sentences.map(speechEvents)
    let topic: Candidate | null = null
    let segment = -1
    for (const sentence of sentences) {
      if (sentence.segment !== segment) {
        // an embedded post does not continue the article's speakers, nor the other way round
        if (segment !== -1) topic = null
        segment = sentence.segment
      }
      this.topicBefore.push(topic)
      for (const event of this.events[sentence.index]!) {
        if (event.subject !== null && !event.impersonal) topic = event.subject
      }
      for (const [id, quote] of sentence.quotes) {
        if (!quote.closesHere || this.quoteSpeakers.has(id)) continue
        this.quoteSpeakers.set(id, this.quoteSpeaker(id, sentence.index, topic))
        const speaker = this.quoteSpeakers.get(id)!
        if (speaker.via === "quote" && speaker.speaker !== "narrator") topic = this.candidateFor(speaker.speaker, topic)
      }
    }
  }

  /** The subject of the nearest earlier sentence that names a person: the first person it names ("Putin gave a dinner in Kim's honour."). */
  private lastPersonBefore(sentenceIndex: number): Candidate | null {
    for (let i = sentenceIndex - 1; i >= 0 && this.sentences[i]!.segment === this.sentences[sentenceIndex]!.segment; i--) {
      const person = this.sentences[i]!.candidates.find((c) => c.kind === "person")
      if (person !== undefined) return person
    }
    return null
  }

  private candidateFor(speaker: string, fallback: Candidate | null): Candidate | null {
    for (const s of this.sentences) {
      const c = s.candidates.find((x) => x.speaker === speaker)
      if (c !== undefined) return c
    }
    return fallback
  }

  private topicSpeaker(topic: Candidate | null): Attribution | null {
    return topic === null ? null : { speaker: topic.speaker, via: "speech-verb" }
  }

  /** The speaker of a quotation: a speech verb right after it closes or right before it opens. */
  private quoteSpeaker(id: number, closingSentence: number, topic: Candidate | null): Attribution {
    const close = this.sentences[closingSentence]!
    const closeInfo = close.quotes.get(id)!
    for (const event of this.events[closingSentence]!) {
      if (event.from > closeInfo.closeToken && event.from <= closeInfo.closeToken + 8 && close.quoteOf[event.from] === -1) {
        if (event.impersonal) return NARRATOR
        // "X, “…” dedi": the speaker may be named before the quotation instead of after
        const before = closeInfo.openToken <= close.tokens.length
          ? [...close.candidates].reverse().find((c) => c.to < closeInfo.openToken && c.to >= closeInfo.openToken - 2 && close.quoteOf[c.from] === -1) ?? null
          : null
        const after = event.subject ?? pickSubject(close.candidates, closeInfo.closeToken + 1, close.tokens.length - 1, event.to, (i) => close.quoteOf[i] !== -1) ?? before
        if (after !== null) return { speaker: after.speaker, via: "quote" }
        return this.topicSpeaker(topic) === null ? NARRATOR : { speaker: topic!.speaker, via: "quote" }
      }
    }
    // the sentence where the quotation opens
    let opening = closingSentence
    while (opening > 0 && !this.sentences[opening]!.quotes.get(id)?.opensHere) opening--
    const open = this.sentences[opening]!
    const openInfo = open.quotes.get(id)
    if (openInfo !== undefined) {
      for (const event of [...this.events[opening]!].reverse()) {
        if (event.to < openInfo.openToken && event.to >= openInfo.openToken - 8) {
          if (event.impersonal) return NARRATOR
          if (event.subject !== null) return { speaker: event.subject.speaker, via: "quote" }
          const t = this.topicBefore[opening] ?? null
          return t === null ? NARRATOR : { speaker: t.speaker, via: "quote" }
        }
      }
      const first = open.candidates.find((c) => c.kind === "person" && open.quoteOf[c.from] === -1)
      if (first !== undefined) return { speaker: first.speaker, via: "quote" }
    }
    const t = this.topicBefore[opening] ?? null
    return t === null ? NARRATOR : { speaker: t.speaker, via: "quote" }
  }

  /** The speaker of what stands at `position` in a sentence. */
  speakerAt(sentenceIndex: number, position: number, role: "source" | "agent"): Attribution {
    const sentence = this.sentences[sentenceIndex]!
    const quote = sentence.quoteOf[position]!
    if (quote !== -1) {
      const known = this.quoteSpeakers.get(quote)
      if (known !== undefined) return known
      // a quotation that never closes: the speaker named before it
      return this.quoteSpeaker(quote, sentenceIndex, this.topicBefore[sentenceIndex] ?? null)
    }
    const governing = this.events[sentenceIndex]!.filter((e) => governs(sentence, e, position))
    if (governing.length > 0) {
      if (governing.some((e) => e.impersonal) && governing.every((e) => e.impersonal || e.subject === null)) return NARRATOR
      // the first named subject of the best rank, in a plain loop: a list made by filter or map is of
      // another kind than one made by push, and each new kind de-optimized this function
      let best: Candidate | null = null
      for (const e of governing) {
        if (e.subject !== null && !e.impersonal && (best === null || RANK[e.subject.kind] < RANK[best.kind])) best = e.subject
      }
      if (best !== null) return { speaker: best.speaker, via: "speech-verb" }
      const earlier = this.events[sentenceIndex]!.filter((e) => e.subject !== null && e.to < position).at(-1)?.subject
      const topic = earlier ?? this.topicBefore[sentenceIndex] ?? null
      if (topic !== null) return { speaker: topic.speaker, via: "speech-verb" }
    }
    // what follows a closed quotation in its reporting clause is the outlet's own account ("…", je med srečanjem v X dejal Kim)
    const closedBefore = [...sentence.quotes.values()].some((q) => q.closesHere && q.closeToken < position &&
      this.events[sentenceIndex]!.some((e) => e.from > q.closeToken))
    const attributed = closedBefore ? null : this.attributionIn(sentence)
    if (attributed !== null) return attributed
    if (role === "agent") {
      const agent = sentence.candidates.find((c) => c.kind === "person" && sentence.quoteOf[c.from] === -1)
      if (agent !== undefined) return { speaker: agent.speaker, via: "agent" }
      // "Then he raised his glass", "Después alzó su copa": the person last named
      const topic = this.topicBefore[sentenceIndex] ?? this.lastPersonBefore(sentenceIndex)
      if (topic !== null && !sentence.candidates.some((c) => sentence.quoteOf[c.from] === -1)) return { speaker: topic.speaker, via: "agent" }
    }
    return NARRATOR
  }

  /** "according to X", "X szerint", "laut X", "σύμφωνα με X". */
  private attributionIn(sentence: AnalyzedSentence): Attribution | null {
    const found: Array<Candidate> = []
    for (const hit of sentence.hits) {
      if (hit.kind !== "attributionBefore" && hit.kind !== "attributionAfter") continue
      const c = attributionSource(sentence, hit)
      if (c !== null) found.push(c)
      // "selon lui", "secondo lui", "po njegovih besedah": a pronoun points back to the last speaker
      const pronoun = hit.kind === "attributionBefore" ? pronounBetween(sentence, hit.to + 1, hit.to + 1) : pronounBetween(sentence, hit.from - 1, hit.from - 1)
      const inside = pronounBetween(sentence, hit.from, hit.to)
      // "Selon lui, …", "Secondo lui, …": one word after the marker, then a comma: a pronoun whatever the list says
      const loneWord = hit.kind === "attributionBefore" && hit.to + 2 < sentence.tokens.length && sentence.boundaryBefore[hit.to + 2] === true
      const topic = this.topicBefore[sentence.index] ?? null
      if (c === null && (pronoun || inside || loneWord) && topic !== null) found.push(topic)
    }
    if (found.length === 0) return null
    const best = [...found].sort((a, b) => RANK[a.kind] - RANK[b.kind] || a.from - b.from)[0]!
    return { speaker: best.speaker, via: "attribution" }
  }
}
