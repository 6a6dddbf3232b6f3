/**
 * Durations in a sentence: a number (digits, number words, fractions, "one and a
 * half") followed by an hour or minute unit, or a compound word made of both
 * ("eineinhalbstündigen", "kétórás"). A duration right after "after/in" or
 * before "later/ago" is a point in time and is left out.
 */
import type { DurationUnit, LanguageResource } from "../languages/LanguageResource.ts"
import type { Hit, Lexicon } from "../languages/Lexicon.ts"
import { matchesElement, parsePattern } from "../languages/Lexicon.ts"
import type { Token, WordForm } from "../text/Tokens.ts"

export interface Duration {
  /** token positions of the number's first word and the unit */
  readonly from: number
  readonly to: number
  readonly minutes: number
  /** "about", "nearly" before the number */
  readonly approx: boolean
  /** said as an adjective ("a two-hour meeting"): it tells how long something lasted */
  readonly adjective: boolean
}

interface NumberForm {
  readonly value: number
  readonly article: boolean
  readonly adds: boolean
}

interface Compound {
  readonly minutes: number
  readonly unit: DurationUnit
}

interface WordReading {
  /** the word (folded) it is the reading of */
  readonly word: string
  readonly number: NumberForm | undefined
  readonly unit: DurationUnit | undefined
  readonly compound: Compound | undefined
}

interface UnitMatcher {
  readonly unit: DurationUnit
  readonly test: (folded: string) => boolean
}

const noStem = (): string => ""

/** Number words and units of one language, ready to read durations. */
export class DurationReader {
  private readonly numbers = new Map<string, NumberForm>()
  private readonly numberPrefixes: Array<readonly [string, NumberForm]> = []
  private readonly units: ReadonlyArray<UnitMatcher>

  constructor(resource: LanguageResource, private readonly lexicon: Lexicon) {
    // a number word is looked up as written (folded), never by its stem: its pattern is parsed without stemming
    for (const [written, form] of Object.entries(resource.numbers)) {
      const steps = parsePattern(written, noStem, lexicon.refold)
      const element = steps[0]?.element
      if (element === undefined || steps.length !== 1) continue
      const value = { value: form.value, article: form.article ?? false, adds: form.adds ?? false }
      if (element.type === "prefix") this.numberPrefixes.push([element.part, value])
      else if (element.type === "exact" || element.type === "stem") this.numbers.set(element.word, value)
    }
    this.numberPrefixes.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : 1))
    this.units = resource.durationUnits.map((unit) => {
      const element = parsePattern(unit.pattern, lexicon.stem, lexicon.refold)[0]!.element
      const test = (folded: string) => matchesElement(element, folded, element.type === "stem" ? lexicon.stem(folded) : "")
      return { unit, test }
    })
  }

  /** What each word (folded) is to the reader: a number, a unit, a compound of both; kept per word. */
  private readonly words = new Map<string, WordReading>()

  private reading(folded: string): WordReading {
    const cached = this.words.get(folded)
    if (cached !== undefined) return cached
    const reading: WordReading = { word: folded, number: this.findNumber(folded), unit: this.findUnit(folded), compound: this.findCompound(folded) }
    if (this.words.size < 100_000) this.words.set(folded, reading)
    return reading
  }

  private numberOf(folded: string): NumberForm | undefined {
    return this.reading(folded).number
  }

  private unitOf(folded: string): DurationUnit | undefined {
    return this.reading(folded).unit
  }

  private findNumber(folded: string): NumberForm | undefined {
    if (/^\d+$/.test(folded)) return { value: Number(folded), article: false, adds: false }
    const exact = this.numbers.get(folded)
    if (exact !== undefined) return exact
    return this.numberPrefixes.find(([prefix]) => folded.startsWith(prefix))?.[1]
  }

  private findUnit(folded: string): DurationUnit | undefined {
    return this.units.find((u) => u.test(folded))?.unit
  }

  /** A compound of number word and unit in one token: "zweistündig", "kétórás", "90minutes". */
  private findCompound(folded: string): Compound | undefined {
    for (let cut = folded.length - 2; cut >= 1; cut--) {
      const number = this.numbers.get(folded.slice(0, cut)) ?? (/^\d+$/.test(folded.slice(0, cut)) ? { value: Number(folded.slice(0, cut)), article: false, adds: false } : undefined)
      if (number === undefined) continue
      const unit = this.findUnit(folded.slice(cut))
      if (unit !== undefined) return { minutes: number.value * unit.minutes, unit }
    }
    return undefined
  }

  /**
   * @param gaps text between token i-1 and token i (decimal commas live there)
   * @param hits the sentence's lexicon hits (connectors, offsets, APPROX)
   * @param forms the tokens folded as the lexicon folds them, when already known
   * @param wordForms the tokens' forms from `tokenizeForms`: what a word reads as is kept on it
   */
  read(
    tokens: ReadonlyArray<Token>,
    gaps: ReadonlyArray<string>,
    hits: ReadonlyArray<Hit>,
    forms?: ReadonlyArray<string>,
    wordForms?: ReadonlyArray<WordForm>
  ): Array<Duration> {
    const at = (kind: string, i: number) => hits.some((h) => h.kind === kind && h.from <= i && i <= h.to)
    const approxAt = (i: number) => hits.some((h) => h.kind === "concept" && h.id === "APPROX" && h.to < i && h.to >= i - 3)
    const durations: Array<Duration> = []
    const folded = forms ?? tokens.map((t) => this.lexicon.refold(t.folded))
    let i = 0
    while (i < tokens.length) {
      const word = folded[i]!
      const form = wordForms?.[i]
      let reading = form !== undefined && form.reader === this ? (form.reading as WordReading) : undefined
      if (reading === undefined || reading.word !== word) {
        reading = this.reading(word)
        if (form !== undefined) {
          form.reader = this
          form.reading = reading
        }
      }
      const compound = reading.compound
      if (compound !== undefined) {
        // "másfél órás" is handled below; here the whole token is number+unit
        // an adjective ("after a two-hour meeting") still measures its noun; only a word after it ("two-hour delay") shifts it
        if (!at("offsetAfter", i + 1)) {
          durations.push({ from: i, to: i, minutes: compound.minutes, approx: approxAt(i), adjective: compound.unit.adjective ?? false })
        }
        i++
        continue
      }
      const first = reading.number
      if (first === undefined) {
        // a unit with no number after "about", "a good", "just under" ("slabo uro", "knapp Stunde"), or followed by "and a half" ("uro in pol")
        const bare = reading.unit
        if (bare === undefined) {
          i++
          continue
        }
        const half = at("connector", i + 1) ? this.numberOf(folded[i + 2] ?? "") : undefined
        const approx = hits.some((h) => h.kind === "concept" && h.id === "APPROX" && h.to === i - 1)
        const alone = bare?.bare === true
        if ((approx || alone || (half !== undefined && half.value < 1)) && !at("offsetBefore", i - 1) && !at("offsetAfter", i + 1)) {
          const fraction = half !== undefined && half.value < 1 ? half.value : 0
          const end = fraction > 0 ? i + 2 : i
          durations.push({ from: i, to: end, minutes: (1 + fraction) * bare.minutes, approx, adjective: bare.adjective ?? false })
          i = end + 1
          continue
        }
        i++
        continue
      }
      // a run of number words: "two and a half", "eine halbe", "1,5"
      let value = first.value
      let onlyArticle = first.article
      let j = i + 1
      if (/^\d+$/.test(word) && /^\d+$/.test(folded[j] ?? "") && /^[.,]$/.test(gaps[j] ?? "")) {
        value = Number(`${word}.${folded[j]}`)
        j++
      }
      let joined = false
      while (j < tokens.length) {
        if (at("connector", j) && this.numberOf(folded[j + 1] ?? "") !== undefined) {
          joined = true
          j++
          continue
        }
        const next = this.numberOf(folded[j]!)
        if (next === undefined) break
        const after = this.numberOf(folded[j + 1] ?? "")
        if (next.article && after !== undefined && after.value < 1) {
          // "two and a half": the article only introduces the fraction
          j++
          continue
        }
        // "eine halbe" is a half; "one and a half" (joined) adds it; "tri četrt", "drei viertel" multiply
        if (next.value < 1) value = next.adds || joined ? value + next.value : onlyArticle ? next.value : value * next.value
        else if (next.value < value) value += next.value
        else value = onlyArticle ? next.value : value * next.value
        onlyArticle = false
        j++
      }
      // "nouăzeci de minute", "un quart d'heure": a linking word between number and unit
      if (this.unitOf(folded[j] ?? "") === undefined && at("linker", j) && this.unitOf(folded[j + 1] ?? "") !== undefined) j++
      // "eine knappe Stunde", "a good hour": one approximating word may stand before the unit
      let approxInside = false
      if (this.unitOf(folded[j] ?? "") === undefined && this.unitOf(folded[j + 1] ?? "") !== undefined && hits.some((h) => h.kind === "concept" && h.id === "APPROX" && h.from === j)) {
        approxInside = true
        j++
      }
      const unit = this.unitOf(folded[j] ?? "")
      if (unit === undefined) {
        i = j > i ? j : i + 1
        continue
      }
      let minutes = value * unit.minutes
      let end = j
      // "an hour and a half", "dve uri in pol"
      if (at("connector", j + 1)) {
        let k = j + 2
        let fraction = 0
        while (k < tokens.length) {
          const part = this.numberOf(folded[k]!)
          if (part === undefined) break
          if (part.value < 1) fraction = part.value
          k++
        }
        if (fraction > 0) {
          minutes += fraction * unit.minutes
          end = k - 1
        }
      }
      // "an hour and twenty minutes", "két óra harminc perc": a smaller unit adds to the larger
      const more = at("connector", end + 1) ? end + 2 : end + 1
      const extra = this.numberOf(folded[more] ?? "")
      const smaller = this.unitOf(folded[more + 1] ?? "")
      if (extra !== undefined && smaller !== undefined && smaller.minutes < unit.minutes) {
        minutes += extra.value * smaller.minutes
        end = more + 1
      }
      // "posle 90-minutnog sastanka" (after the 90-minute meeting): a numeral with an adjective unit measures its noun,
      // whatever stands before it; "in an hour" is still a point in time
      const measures = (unit.adjective ?? false) && !first.article
      const offset = (!measures && at("offsetBefore", i - 1)) || at("offsetAfter", end + 1)
      // "une heure environ", "un'ora circa": the approximating word may also follow
      const approxAfter = hits.some((h) => h.kind === "concept" && h.id === "APPROX" && h.from === end + 1)
      if (!offset) durations.push({ from: i, to: end, minutes: Math.round(minutes * 100) / 100, approx: approxInside || approxAfter || approxAt(i), adjective: unit.adjective ?? false })
      i = end + 1
    }
    return durations
  }
}
