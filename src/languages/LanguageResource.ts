/**
 * The shape of one language's resource file (`src/languages/<code>.json`): concept
 * patterns, entity descriptors, speaker groups, negation, speech and attribution
 * cues, number words and duration units. Decoded once, at load time.
 *
 * Pattern syntax (matched against folded tokens: lower case, diacritics removed,
 * ß→ss, final sigma→σ; write patterns in the language's normal spelling, they are
 * folded the same way):
 * - `word`     the token is `word`, or has the same stem when the language has a stemmer
 * - `=word`    the token is exactly `word` (no stemming)
 * - `stem*`    the token starts with `stem` (at least 3 letters before `*`)
 * - `*tail`    the token ends with `tail` (compound heads: German `*abkommen`)
 * - `*part*`   the token contains `part` (at least 4 letters)
 * - `a b`      consecutive tokens, each a pattern
 * - `a … b`    `b` within eight tokens after `a` (also written `a ... b`)
 */
import { Schema } from "effect"

const Patterns = Schema.Array(Schema.String)

export const DurationUnit = Schema.Struct({
  /** a pattern for the unit word: `stunde*`, `óra*`, `ώρ*` */
  pattern: Schema.String,
  /** minutes per unit */
  minutes: Schema.Number,
  /** an adjective made from the unit ("zweistündig", "kétórás", "hour-long"): it says how long something lasted */
  adjective: Schema.optionalKey(Schema.Boolean),
  /** this form alone means one unit, in languages without an indefinite article ("час", "sat vremena", "uro") */
  bare: Schema.optionalKey(Schema.Boolean)
})
export type DurationUnit = typeof DurationUnit.Type

export const NumberWord = Schema.Struct({
  value: Schema.Number,
  /** an indefinite article that also means "one" ("ein", "a", "egy"): "eine halbe Stunde" is half an hour */
  article: Schema.optionalKey(Schema.Boolean),
  /** a fraction that adds to the number before it ("bir buçuk": one and a half); by default "tri četrt" multiplies */
  adds: Schema.optionalKey(Schema.Boolean)
})

export const Stemmer = Schema.Union([
  Schema.Struct({ snowball: Schema.Literals(["bulgarian", "english", "french", "german", "greek", "hungarian", "italian", "dutch", "portuguese", "romanian", "russian", "serbian", "spanish", "turkish", "ukrainian"]) }),
  Schema.Struct({
    /** inflectional endings, stripped longest first, for languages without a Snowball stemmer */
    suffixes: Schema.Array(Schema.String),
    /** a stem keeps at least this many letters */
    minStem: Schema.Number
  })
])
export type Stemmer = typeof Stemmer.Type

export const LanguageResource = Schema.Struct({
  /** ISO 639-1 code */
  language: Schema.String,
  /** English name */
  name: Schema.String,
  stemmer: Schema.NullOr(Stemmer),
  /** a language written in two scripts is matched in one: "serbian-latin" reads Serbian Cyrillic as Latin (Путин → putin) */
  transliterate: Schema.optionalKey(Schema.Literal("serbian-latin")),
  /** concept id (see concepts.json) → patterns */
  concepts: Schema.Record(Schema.String, Patterns),
  /**
   * entity id (see entities.json) → patterns for the names and descriptions this
   * language uses that transliteration cannot find: translated country names and
   * their adjectives ("Nordkorea", "nordkoreanisch"), descriptions of people
   * ("der russische Präsident" → putin, "Kremlsprecher" → peskov)
   */
  entities: Schema.Record(Schema.String, Patterns),
  /** speaker group id (analysts, media, us-officials, kremlin) → patterns */
  speakerGroups: Schema.Record(Schema.String, Patterns),
  /** words and phrases that negate a clause ("nicht", "kein*", "weder") */
  negation: Patterns,
  /** phrases that contain a negation word but negate nothing ("not only", "nicht nur", "не менее", "no obstante", "did not rule out") */
  negationExceptions: Schema.optionalKey(Patterns),
  /** verbs of saying and of stating an opinion, all persons and tenses ("sag*", "erklär*", "betont*", "sieht") */
  speechVerbs: Patterns,
  /** words that open reported speech after a speech verb ("dass", "that", "hogy", "ότι", "da") */
  complementizers: Patterns,
  /** attribution markers followed by the source ("laut", "according to", "po besedah", "σύμφωνα με") */
  attributionBefore: Patterns,
  /** attribution markers that follow the source ("zufolge", "szerint") */
  attributionAfter: Patterns,
  /** reporting with no one named: the outlet speaks ("es wurde berichtet", "it was reported") */
  impersonal: Patterns,
  /** subject pronouns that point back to the last speaker ("er", "he", "ő", "on", "αυτός") */
  pronouns: Patterns,
  /** number words, fractions and composites: folded word → value ("zwei": 2, "eineinhalb": 1.5, "halb*" is not allowed: list forms) */
  numbers: Schema.Record(Schema.String, NumberWord),
  /** words that join number parts ("und", "and", "és", "in", "και") */
  numberConnectors: Patterns,
  /** words that may stand between a number and its unit ("nouăzeci de minute", "un quart d'heure", "un par de horas") */
  unitLinkers: Schema.optionalKey(Patterns),
  durationUnits: Schema.Array(DurationUnit),
  /** a word right before a duration that makes it a point in time, not a length ("nach", "in", "after") */
  offsetBefore: Patterns,
  /** a word right after a duration that makes it a point in time ("später", "ago", "later", "múlva") */
  offsetAfter: Patterns,
  /** time references that place an event: the article's own day, and the past it looks back to */
  time: Schema.optionalKey(Schema.Struct({
    /** "today", "heute", "danes", "ma", "σήμερα" */
    today: Patterns,
    /** "yesterday", "gestern", "včeraj", "tegnap", "χθες" */
    yesterday: Patterns,
    /** markers of an earlier event: "last year", "im vergangenen Jahr", "lani", "tavaly", "πέρσι", "previous meeting" */
    past: Patterns,
    /** weekday names in all forms, Monday first (seven lists) */
    weekdays: Schema.Array(Patterns)
  }))
})
export type LanguageResource = typeof LanguageResource.Type
