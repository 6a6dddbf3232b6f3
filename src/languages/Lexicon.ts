/**
 * A language resource compiled for matching: every pattern of every list in one
 * index keyed by its first word, so a sentence is scanned once whatever the
 * number of concepts. Returns hits `{ kind, id, from, to }` over token positions.
 */
import { stemmerFor } from "./Stemmers.ts"
import type { LanguageResource, Stemmer } from "./LanguageResource.ts"
import { fold, type WordForm, wordsOf } from "../text/Tokens.ts"

/** What a pattern stands for: a concept, an entity description, a speaker group, or a cue list. */
export type HitKind =
  | "concept"
  | "entity"
  | "group"
  | "negation"
  | "notNegation"
  | "speech"
  | "complementizer"
  | "attributionBefore"
  | "attributionAfter"
  | "impersonal"
  | "pronoun"
  | "connector"
  | "linker"
  | "offsetBefore"
  | "offsetAfter"
  | "today"
  | "yesterday"
  | "past"
  | "weekday"

export interface Hit {
  readonly kind: HitKind
  readonly id: string
  /** first and last token position (inclusive) */
  readonly from: number
  readonly to: number
}

type Element =
  | { readonly type: "exact"; readonly word: string }
  | { readonly type: "stem"; readonly word: string; readonly stem: string }
  | { readonly type: "prefix"; readonly part: string }
  | { readonly type: "suffix"; readonly part: string }
  | { readonly type: "infix"; readonly part: string }

interface Step {
  readonly element: Element
  /** how many tokens may stand between the previous element and this one */
  readonly gap: number
}

interface Entry {
  readonly kind: HitKind
  readonly id: string
  readonly pattern: string
  readonly steps: ReadonlyArray<Step>
  /** the last `candidates` call that considered this entry */
  mark: number
}

export class PatternError extends Error {
  constructor(readonly pattern: string, readonly problem: string) {
    super(`pattern "${pattern}": ${problem}`)
  }
}

const ASCII = /^[\x00-\x7f]*$/
const GAP = 8

/**
 * The rules of `parsePattern` checked on the written pattern alone (no folding, no stemming): cheap enough to
 * run on every pattern of every language at start-up. Returns the problem, or null.
 */
export const patternProblem = (pattern: string): string | null => {
  const chunks = pattern.trim().split(/\s+/)
  if (chunks[0] === "…" || chunks[0] === "...") return "a gap cannot start a pattern"
  const last = chunks[chunks.length - 1]
  if (last === "…" || last === "...") return "a gap cannot end a pattern"
  for (const chunk of chunks) {
    if (chunk === "…" || chunk === "...") continue
    const body = chunk.startsWith("=") ? chunk.slice(1) : chunk
    const words = body.replace(/^\*|\*$/g, "").match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
    if (words.length === 0) return `"${chunk}" has no letters`
    const leading = body.startsWith("*")
    const trailing = body.endsWith("*") && body.length > 1
    const first = words[0]!
    const final = words[words.length - 1]!
    if (leading && trailing && words.length === 1 && first.length < 4) return `"*${first}*" needs at least 4 letters`
    if (leading && !(trailing && words.length === 1) && first.length < 3) return `"*${first}" needs at least 3 letters`
    if (trailing && !(leading && words.length === 1) && final.length < 3 && !/^\p{N}+$/u.test(final)) return `"${final}*" needs at least 3 letters before *`
  }
  return null
}

/** Serbian Cyrillic → Serbian Latin, letter by letter (after folding, so without diacritics). */
const SERBIAN_LATIN: Record<string, string> = {
  а: "a", б: "b", в: "v", г: "g", д: "d", ђ: "dj", е: "e", ж: "z", з: "z", и: "i", ј: "j", к: "k", л: "l", љ: "lj", м: "m",
  н: "n", њ: "nj", о: "o", п: "p", р: "r", с: "s", т: "t", ћ: "c", у: "u", ф: "f", х: "h", ц: "c", ч: "c", џ: "dz", ш: "s"
}

const serbianLatin = (word: string): string => (/[\u0400-\u04ff]/.test(word) ? [...word].map((c) => SERBIAN_LATIN[c] ?? c).join("") : word.replace(/đ/g, "dj"))

const SPACES = /\s+/
const STARS = /^\*|\*$/g
const DIGITS = /^\p{N}+$/u

/** A pattern string → its steps; throws PatternError with the reason when it cannot work. `stem` takes a lower-case word. */
export const parsePattern = (
  pattern: string,
  stem: (word: string) => string,
  refold: (folded: string) => string = (w) => w,
  /** stem the words after the first only when a match needs it (the index needs the first word's stem at once) */
  lazyStems = false
): ReadonlyArray<Step> => {
  const steps: Array<Step> = []
  let gap = 0
  const chunks = pattern.trim().split(SPACES)
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!
    if (chunk === "…" || chunk === "...") {
      if (steps.length === 0) throw new PatternError(pattern, "a gap cannot start a pattern")
      gap = GAP
      continue
    }
    const exact = chunk.startsWith("=")
    const body = exact ? chunk.slice(1) : chunk
    const leading = body.startsWith("*")
    const starred = body.endsWith("*")
    const trailing = starred && body.length > 1
    // without a star at either end there is nothing to strip
    const stripped = leading || starred ? body.replace(STARS, "") : body
    // NFC leaves ASCII as it is
    const words = wordsOf((ASCII.test(stripped) ? stripped : stripped.normalize("NFC")).toLowerCase())
    if (words.length === 0) throw new PatternError(pattern, `"${chunk}" has no letters`)
    const lastIndex = words.length - 1
    for (let index = 0; index <= lastIndex; index++) {
      const written = words[index]!
      const word = refold(fold(written))
      const first = index === 0
      const last = index === lastIndex
      let element: Element
      if (first && last && leading && trailing) {
        if (word.length < 4) throw new PatternError(pattern, `"*${word}*" needs at least 4 letters`)
        element = { type: "infix", part: word }
      } else if (first && leading) {
        if (word.length < 3) throw new PatternError(pattern, `"*${word}" needs at least 3 letters`)
        element = { type: "suffix", part: word }
      } else if (last && trailing) {
        if (word.length < 3 && !DIGITS.test(word)) throw new PatternError(pattern, `"${word}*" needs at least 3 letters before *`)
        element = { type: "prefix", part: word }
      } else if (exact) {
        element = { type: "exact", word }
      } else {
        element = lazyStems && steps.length > 0 ? new LazyStem(word, written, stem) : { type: "stem", word, stem: stem(written) }
      }
      steps.push({ element, gap: first ? gap : 0 })
      gap = 0
    }
  }
  if (gap > 0) throw new PatternError(pattern, "a gap cannot end a pattern")
  return steps
}

/** A stem element whose stem is computed the first time it is read: stemming is most of compiling a lexicon. */
class LazyStem {
  readonly type = "stem"
  private stemmed: string | undefined
  constructor(readonly word: string, private readonly written: string, private readonly stemOf: (word: string) => string) {}
  get stem(): string {
    if (this.stemmed === undefined) this.stemmed = this.stemOf(this.written)
    return this.stemmed
  }
}

/** A compiled step: [gap, "exact" | "stem" | "prefix" | "suffix" | "infix", word or part, stem (for "stem")] */
type CompiledStep = readonly [gap: number, type: Element["type"], text: string, stem?: string]

export interface CompiledLexicon {
  readonly language: string
  /** [kind, id, pattern, steps], in the order the entries were added */
  readonly entries: ReadonlyArray<readonly [kind: HitKind, id: string, pattern: string, steps: ReadonlyArray<CompiledStep>]>
}

const compiledStep = ({ element, gap }: Step): CompiledStep => {
  switch (element.type) {
    case "exact":
      return [gap, element.type, element.word]
    case "stem":
      return [gap, element.type, element.word, element.stem]
    default:
      return [gap, element.type, element.part]
  }
}

const stepOf = ([gap, type, text, stem]: CompiledStep): Step => {
  switch (type) {
    case "exact":
      return { gap, element: { type, word: text } }
    case "stem":
      return { gap, element: { type, word: text, stem: stem ?? "" } }
    default:
      return { gap, element: { type, part: text } }
  }
}

export interface TokenForms {
  readonly folded: ReadonlyArray<string>
  readonly stems: ReadonlyArray<string>
}

/** Whether a word (folded, with its stem) fits one element of a pattern. */
export const matchesElement = (element: Element, folded: string, stem: string): boolean => {
  switch (element.type) {
    case "exact":
      return folded === element.word
    case "stem":
      return folded === element.word || (stem.length > 0 && stem === element.stem)
    case "prefix":
      return folded.startsWith(element.part)
    case "suffix":
      return folded.endsWith(element.part)
    case "infix":
      return folded.includes(element.part)
  }
}

const KEY = 3
const MAX_KEY = 6

/** All lists of one language, indexed for one pass over a sentence. */
export class Lexicon {
  private readonly byWord = new Map<string, Array<Entry>>()
  private readonly byStem = new Map<string, Array<Entry>>()
  /** prefix patterns keyed by their first KEY…MAX_KEY letters, by key length: a word is looked up once per length */
  private readonly byPrefix = new Map<number, Map<string, Array<Entry>>>()
  private readonly bySuffix = new Map<number, Map<string, Array<Entry>>>()
  /** infix patterns keyed by their first three letters: a word is looked up once per three-letter piece */
  private readonly byInfix = new Map<string, Array<Entry>>()
  /** prefix patterns shorter than a key (digits): tried on every word */
  private readonly infixes: Array<Entry> = []
  private readonly stemCache = new Map<string, string>()
  private stamp = 0
  readonly stem: (word: string) => string

  readonly refold: (folded: string) => string

  constructor(readonly language: string, stemmer: Stemmer | null, transliterate?: "serbian-latin") {
    const raw = stemmerFor(stemmer)
    this.refold = transliterate === "serbian-latin" ? serbianLatin : (w) => w
    this.stem = (word) => {
      let s = this.stemCache.get(word)
      if (s === undefined) {
        s = raw === null ? "" : this.refold(fold(raw(transliterate === "serbian-latin" ? serbianLatin(word) : word)))
        if (this.stemCache.size < 100_000) this.stemCache.set(word, s)
      }
      return s
    }
  }

  /** every entry, in the order added: the order the indexes list them in */
  private readonly entries: Array<Entry> = []

  add(kind: HitKind, id: string, pattern: string): void {
    this.index({ kind, id, pattern, steps: parsePattern(pattern, this.stem, this.refold, true), mark: 0 })
  }

  private index(entry: Entry): void {
    this.entries.push(entry)
    const first = entry.steps[0]!.element
    const push = (map: Map<string, Array<Entry>>, key: string) => {
      const list = map.get(key)
      if (list === undefined) map.set(key, [entry])
      else list.push(entry)
    }
    switch (first.type) {
      case "exact":
        push(this.byWord, first.word)
        break
      case "stem":
        push(this.byWord, first.word)
        // a token is looked up by its own stem, so the pattern must be found under its stem even when it equals the word
        if (first.stem.length > 0) push(this.byStem, first.stem)
        break
      case "prefix": {
        if (first.part.length < KEY) {
          this.infixes.push(entry)
          break
        }
        const length = Math.min(first.part.length, MAX_KEY)
        push(this.keyed(this.byPrefix, length), first.part.slice(0, length))
        break
      }
      case "suffix": {
        const length = Math.min(first.part.length, MAX_KEY)
        push(this.keyed(this.bySuffix, length), first.part.slice(-length))
        break
      }
      case "infix":
        push(this.byInfix, first.part.slice(0, KEY))
        break
    }
  }

  /** The lexicon as plain data, every stem worked out: what `fromCompiled` builds the same lexicon from without parsing or stemming. */
  compiled(): CompiledLexicon {
    return {
      language: this.language,
      entries: this.entries.map((entry) => [entry.kind, entry.id, entry.pattern, entry.steps.map(compiledStep)] as const)
    }
  }

  /** The lexicon `compiled()` gave, for a resource with these settings. */
  static fromCompiled(data: CompiledLexicon, stemmer: Stemmer | null, transliterate?: "serbian-latin"): Lexicon {
    const lexicon = new Lexicon(data.language, stemmer, transliterate)
    for (const [kind, id, pattern, steps] of data.entries) lexicon.index({ kind, id, pattern, steps: steps.map(stepOf), mark: 0 })
    return lexicon
  }

  private keyed(index: Map<number, Map<string, Array<Entry>>>, length: number): Map<string, Array<Entry>> {
    let map = index.get(length)
    if (map === undefined) {
      map = new Map()
      index.set(length, map)
    }
    return map
  }

  /** What a word as written comes to: its folded form, its stem and the entries its first element fits, kept per word. */
  private readonly words = new Map<string, WordInfo>()

  private wordInfo(raw: string, folded: string): WordInfo {
    const cached = this.words.get(raw)
    // a token's folded form is its raw word folded: the check only guards tokens made otherwise
    if (cached !== undefined && cached.source === folded) return cached
    const word = this.refold(folded)
    const stem = this.stem(raw.toLowerCase())
    const entries = this.candidates(word, stem)
    const info: WordInfo = { source: folded, folded: word, stem, entries, next: nextIndex(entries), singles: singleHits(entries) }
    if (cached === undefined && this.words.size < WORD_CACHE) this.words.set(raw, info)
    return info
  }

  /**
   * The entries whose first element fits a word: every index the word can be found under, in the order the scan
   * looks them up, each entry once.
   */
  private candidates(word: string, stem: string): ReadonlyArray<Entry> {
    // an entry found under several keys is considered once: the first time, marked with this call's stamp
    const stamp = ++this.stamp
    const found: Array<Entry> = []
    this.consider(this.byWord.get(word), word, stem, stamp, found)
    if (stem.length > 0) this.consider(this.byStem.get(stem), word, stem, stamp, found)
    for (const [length, map] of this.byPrefix) if (word.length >= length) this.consider(map.get(word.slice(0, length)), word, stem, stamp, found)
    for (const [length, map] of this.bySuffix) if (word.length >= length) this.consider(map.get(word.slice(-length)), word, stem, stamp, found)
    if (this.byInfix.size > 0) for (let k = 0; k + KEY <= word.length; k++) this.consider(this.byInfix.get(word.slice(k, k + KEY)), word, stem, stamp, found)
    if (this.infixes.length > 0) this.consider(this.infixes, word, stem, stamp, found)
    return found.length === 0 ? NO_ENTRIES : found
  }

  private consider(list: ReadonlyArray<Entry> | undefined, word: string, stem: string, stamp: number, found: Array<Entry>): void {
    if (list === undefined) return
    for (const entry of list) {
      if (entry.mark === stamp) continue
      entry.mark = stamp
      if (matchesElement(entry.steps[0]!.element, word, stem)) found.push(entry)
    }
  }

  /** The forms of a sentence's tokens (folded and refolded, stemmed) and every hit of every list in it, in token order, in one pass. */
  analyze(
    tokens: ReadonlyArray<{ readonly raw: string; readonly folded: string }>,
    /** the tokens' forms from `tokenizeForms`: the word's lexicon entry is kept on it */
    wordForms?: ReadonlyArray<WordForm>
  ): { readonly forms: TokenForms; readonly hits: Array<Hit> } {
    const n = tokens.length
    const folded = new Array<string>(n)
    const stems = new Array<string>(n)
    // the words' infos are only read within this call: one array serves every sentence
    const infos = scratchInfos
    for (let i = 0; i < n; i++) {
      const token = tokens[i]!
      const form = wordForms?.[i]
      let info = form !== undefined && form.lexicon === this && form.raw === token.raw ? (form.lexical as WordInfo) : undefined
      if (info === undefined || info.source !== token.folded) {
        info = this.wordInfo(token.raw, token.folded)
        if (form !== undefined && form.raw === token.raw) {
          form.lexicon = this
          form.lexical = info
        }
      }
      folded[i] = info.folded
      stems[i] = info.stem
      infos[i] = info
    }
    const hits: Array<Hit> = []
    for (let i = 0; i < n; i++) {
      const info = infos[i]!
      const entries = info.entries
      if (entries.length === 0) continue
      const singles = info.singles
      if (singles !== null) {
        for (let k = 0; k < singles.length; k++) hits.push({ kind: singles[k]!.kind, id: singles[k]!.id, from: i, to: i })
        continue
      }
      const next = info.next
      if (next === null) {
        this.hitsAt(entries, null, folded, stems, i, hits)
        continue
      }
      // the entries whose second word must stand right after this one are tried only when it does
      if (i + 1 === n) {
        this.hitsAt(entries, next.others, folded, stems, i, hits)
        continue
      }
      const byWord = next.byWord.get(folded[i + 1]!)
      const stem = stems[i + 1]!
      const byStem = stem.length > 0 ? next.byStem.get(stem) : undefined
      this.hitsAt(entries, byWord === undefined && byStem === undefined ? next.others : merge(next.others, byWord, byStem), folded, stems, i, hits)
    }
    return { forms: { folded, stems }, hits }
  }

  /** The hits of the entries (those at `which`, or all) starting at `i`, in their order, each distinct hit once. */
  private hitsAt(entries: ReadonlyArray<Entry>, which: ReadonlyArray<number> | null, folded: ReadonlyArray<string>, stems: ReadonlyArray<string>, i: number, hits: Array<Hit>): void {
    // hits are in order of their first token: a repeated one can only be among those starting here
    const here = hits.length
    const count = which === null ? entries.length : which.length
    for (let e = 0; e < count; e++) {
      const entry = entries[which === null ? e : which[e]!]!
      const to = entry.steps.length === 1 ? i : this.follow(entry.steps, folded, stems, i)
      if (to === -1) continue
      let repeated = false
      for (let k = here; k < hits.length; k++) {
        const h = hits[k]!
        if (h.to === to && h.id === entry.id && h.kind === entry.kind) {
          repeated = true
          break
        }
      }
      if (!repeated) hits.push({ kind: entry.kind, id: entry.id, from: i, to })
    }
  }

  /** Where the pattern ends when its first element fits the word at `start`, or -1. Gaps take the nearest fit. */
  private follow(steps: ReadonlyArray<Step>, folded: ReadonlyArray<string>, stems: ReadonlyArray<string>, start: number): number {
    let position = start
    const lastToken = folded.length - 1
    for (let s = 1; s < steps.length; s++) {
      const step = steps[s]!
      let found = -1
      const end = Math.min(lastToken, position + 1 + step.gap)
      for (let j = position + 1; j <= end; j++) {
        if (matchesElement(step.element, folded[j]!, stems[j]!)) {
          found = j
          break
        }
      }
      if (found === -1) return -1
      position = found
    }
    return position
  }
}

interface WordInfo {
  /** the folded token it was made from */
  readonly source: string
  readonly folded: string
  readonly stem: string
  readonly entries: ReadonlyArray<Entry>
  readonly next: NextIndex | null
  /** when every entry is one word long: the hits it makes (kind and id, each once, in order), else null */
  readonly singles: ReadonlyArray<Entry> | null
}

/**
 * A word's candidate entries by what the next token must be: those whose second element is a word (or a stem)
 * right after the first, keyed by that word (and stem), and the positions of all the others. Positions are
 * ascending in every list.
 */
interface NextIndex {
  readonly byWord: Map<string, Array<number>>
  readonly byStem: Map<string, Array<number>>
  readonly others: ReadonlyArray<number>
}

const NO_ENTRIES: ReadonlyArray<Entry> = []

const scratchInfos: Array<WordInfo> = []

/** The index of a candidate list, or null when no entry of it needs a particular next word. */
const nextIndex = (entries: ReadonlyArray<Entry>): NextIndex | null => {
  let index: NextIndex | null = null
  const others: Array<number> = []
  const add = (map: Map<string, Array<number>>, key: string, e: number) => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [e])
    else list.push(e)
  }
  entries.forEach((entry, e) => {
    const second = entry.steps[1]
    if (second === undefined || second.gap !== 0 || (second.element.type !== "exact" && second.element.type !== "stem")) {
      others.push(e)
      return
    }
    index ??= { byWord: new Map(), byStem: new Map(), others }
    add(index.byWord, second.element.word, e)
    if (second.element.type === "stem" && second.element.stem.length > 0) add(index.byStem, second.element.stem, e)
  })
  return index
}

/** The entries of a list that are one word long with a (kind, id) not seen before, or null when one is longer. */
const singleHits = (entries: ReadonlyArray<Entry>): ReadonlyArray<Entry> | null => {
  const singles: Array<Entry> = []
  for (const entry of entries) {
    if (entry.steps.length !== 1) return null
    if (!singles.some((s) => s.kind === entry.kind && s.id === entry.id)) singles.push(entry)
  }
  return singles
}

/** The union of ascending lists of positions, ascending, each position once: a three-way merge. */
const merge = (a: ReadonlyArray<number>, b: ReadonlyArray<number> = NO_POSITIONS, c: ReadonlyArray<number> = NO_POSITIONS): Array<number> => {
  const all: Array<number> = []
  let i = 0
  let j = 0
  let k = 0
  for (;;) {
    const x = i < a.length ? a[i]! : Infinity
    const y = j < b.length ? b[j]! : Infinity
    const z = k < c.length ? c[k]! : Infinity
    const least = x < y ? (x < z ? x : z) : (y < z ? y : z)
    if (least === Infinity) return all
    if (all.length === 0 || all[all.length - 1] !== least) all.push(least)
    if (x === least) i++
    else if (y === least) j++
    else k++
  }
}

const NO_POSITIONS: ReadonlyArray<number> = []

const WORD_CACHE = 200_000

/** Every pattern list of a resource with the field it sits in. */
export const patternLists = (resource: LanguageResource): Array<readonly [field: string, patterns: ReadonlyArray<string>]> => [
  ...Object.entries(resource.concepts).map(([id, list]) => [`concepts.${id}`, list] as const),
  ...Object.entries(resource.entities).map(([id, list]) => [`entities.${id}`, list] as const),
  ...Object.entries(resource.speakerGroups).map(([id, list]) => [`speakerGroups.${id}`, list] as const),
  ["negation", resource.negation],
  ["negationExceptions", resource.negationExceptions ?? []],
  ["speechVerbs", resource.speechVerbs],
  ["complementizers", resource.complementizers],
  ["attributionBefore", resource.attributionBefore],
  ["attributionAfter", resource.attributionAfter],
  ["impersonal", resource.impersonal],
  ["pronouns", resource.pronouns],
  ["numberConnectors", resource.numberConnectors],
  ["unitLinkers", resource.unitLinkers ?? []],
  ["offsetBefore", resource.offsetBefore],
  ["offsetAfter", resource.offsetAfter],
  ...(resource.time === undefined ? [] : [
    ["time.today", resource.time.today] as const,
    ["time.yesterday", resource.time.yesterday] as const,
    ["time.past", resource.time.past] as const,
    ...resource.time.weekdays.map((list, day) => [`time.weekdays[${day}]`, list] as const)
  ])
]

/** Compiles a decoded resource; throws PatternError naming the list and the pattern. */
export const compileLexicon = (resource: LanguageResource): Lexicon => {
  const lexicon = new Lexicon(resource.language, resource.stemmer, resource.transliterate)
  const addAll = (kind: HitKind, id: string, patterns: ReadonlyArray<string>, field: string) => {
    for (const pattern of patterns) {
      try {
        lexicon.add(kind, id, pattern)
      } catch (error) {
        if (error instanceof PatternError) throw new PatternError(pattern, `${field}: ${error.problem}`)
        throw error
      }
    }
  }
  for (const [id, patterns] of Object.entries(resource.concepts)) addAll("concept", id, patterns, `concepts.${id}`)
  for (const [id, patterns] of Object.entries(resource.entities)) addAll("entity", id, patterns, `entities.${id}`)
  for (const [id, patterns] of Object.entries(resource.speakerGroups)) addAll("group", id, patterns, `speakerGroups.${id}`)
  addAll("negation", "negation", resource.negation, "negation")
  addAll("notNegation", "notNegation", resource.negationExceptions ?? [], "negationExceptions")
  addAll("speech", "speech", resource.speechVerbs, "speechVerbs")
  addAll("complementizer", "complementizer", resource.complementizers, "complementizers")
  addAll("attributionBefore", "attribution", resource.attributionBefore, "attributionBefore")
  addAll("attributionAfter", "attribution", resource.attributionAfter, "attributionAfter")
  addAll("impersonal", "impersonal", resource.impersonal, "impersonal")
  addAll("pronoun", "pronoun", resource.pronouns, "pronouns")
  addAll("connector", "connector", resource.numberConnectors, "numberConnectors")
  addAll("linker", "linker", resource.unitLinkers ?? [], "unitLinkers")
  addAll("offsetBefore", "offset", resource.offsetBefore, "offsetBefore")
  addAll("offsetAfter", "offset", resource.offsetAfter, "offsetAfter")
  if (resource.time !== undefined) {
    addAll("today", "today", resource.time.today, "time.today")
    addAll("yesterday", "yesterday", resource.time.yesterday, "time.yesterday")
    addAll("past", "past", resource.time.past, "time.past")
    resource.time.weekdays.forEach((patterns, day) => addAll("weekday", String(day + 1), patterns, `time.weekdays[${day}]`))
  }
  return lexicon
}
