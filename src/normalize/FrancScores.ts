/**
 * `francAll(value, { only, minLength: 1 })` for a non-empty `only`, or `francAll(value, { minLength: 1 })`
 * without it, with the same result (the same pairs in the same order), from franc's own models and script
 * expressions but computed through an index of the models by trigram: franc looks every trigram of the text
 * up in every candidate's model, which made it the largest cost of language identification.
 *
 * franc's method, as reproduced here: the text's script is the one whose expression matches most often;
 * a script with one language gives that language. Otherwise the text is cleaned (characters U+0021-U+0040
 * become spaces, white space is collapsed and trimmed, the text lower-cased) and cut into trigrams with a
 * space at either end; a candidate's distance is the sum over the distinct trigrams of |count - rank - 1|
 * where the trigram is in its model (rank: its first position there) and 300 where it is not. Candidates
 * are sorted by distance (stable: ties keep the models' order) and scored 1 - (distance - min) / (length x
 * 300 - min), where length is that of the text (at most 2,048 units).
 */
import { data } from "franc/data.js"
import { expressions } from "franc/expressions.js"

const MAX_LENGTH = 2048
const MAX_DIFFERENCE = 300

interface ModelIndex {
  /** the indexed languages, in the models' order */
  readonly languages: ReadonlyArray<string>
  /** trigram → its row in `ranks` */
  readonly rows: ReadonlyMap<string, number>
  /** per row, per language: the trigram's first position in the language's model + 1; 0 where it is absent */
  readonly ranks: Int16Array
}

const indexes = new Map<string, ModelIndex>()

/**
 * The models of a script's candidate languages (all of them when `only` is absent) indexed by trigram, built
 * on first use. A language's distance depends on its own model only, so an index of the candidates gives the
 * distances an index of the whole script would: a trigram in none of their models costs each of them the same.
 */
const indexOf = (script: string, only: ReadonlyArray<string> | undefined): ModelIndex => {
  const key = only === undefined ? script : `${script}:${only.join(",")}`
  let index = indexes.get(key)
  if (index === undefined) {
    const models = (data as Record<string, Record<string, string>>)[script]!
    const languages = Object.keys(models).filter((language) => only === undefined || only.includes(language))
    const rows = new Map<string, number>()
    const models2 = languages.map((language) => models[language]!.split("|"))
    for (const model of models2) for (const trigram of model) if (!rows.has(trigram)) rows.set(trigram, rows.size)
    const ranks = new Int16Array(rows.size * languages.length)
    models2.forEach((model, column) => {
      // the first position of a trigram that a model lists twice
      for (let position = model.length - 1; position >= 0; position--) {
        ranks[rows.get(model[position]!)! * languages.length + column] = position + 1
      }
    })
    index = { languages, rows, ranks }
    indexes.set(key, index)
  }
  return index
}

const PUNCTUATION = /[\u0021-\u0040]+/g
const WHITE_SPACE = /\s+/g

const und = (): Array<[string, number]> => [["und", 1]]

/** franc's script of a text: the one whose expression matches most often (the first of equals). */
const topScript = (value: string): readonly [string | undefined, number] => {
  let topCount = -1
  let top: string | undefined
  for (const [script, expression] of Object.entries(expressions as Record<string, RegExp>)) {
    const count = (value.match(expression)?.length ?? 0) / value.length || 0
    if (count > topCount) {
      topCount = count
      top = script
    }
  }
  return [top, topCount]
}

/** @param only the candidate languages (franc's codes); every language of the text's script when absent */
export const francAllOf = (text: string, only?: ReadonlyArray<string>): Array<[string, number]> => {
  if (only !== undefined && only.length === 0) throw new Error("francAllOf needs candidate languages")
  if (!text || text.length < 1) return und()
  const value = text.slice(0, MAX_LENGTH)
  const [script, count] = topScript(value)
  if (script === undefined || !(script in data)) {
    if (script === undefined || count === 0 || (only !== undefined && !only.includes(script))) return und()
    return [[script, 1]]
  }

  const index = indexOf(script, only)
  if (index.languages.length === 0) return und()

  // the text's trigrams and their counts
  const cleaned = " " + value.replace(PUNCTUATION, " ").replace(WHITE_SPACE, " ").trim().toLowerCase() + " "
  const counts = new Map<string, number>()
  for (let i = 0; i + 3 <= cleaned.length; i++) {
    const trigram = cleaned.slice(i, i + 3)
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1)
  }

  const width = index.languages.length
  // whole numbers throughout, in a list built by push (a typed array costs more to make than the loop saves)
  const distances: Array<number> = []
  for (let k = 0; k < width; k++) distances.push(0)
  let missing = 0
  for (const [trigram, occurrences] of counts) {
    const row = index.rows.get(trigram)
    if (row === undefined) {
      missing++
      continue
    }
    const base = row * width
    for (let k = 0; k < width; k++) {
      const rank = index.ranks[base + k]!
      if (rank === 0) distances[k] = distances[k]! + MAX_DIFFERENCE
      else {
        const difference = occurrences - (rank - 1) - 1
        distances[k] = distances[k]! + (difference < 0 ? -difference : difference)
      }
    }
  }
  // built by push, as its callers' other lists are: a list made by map is of another kind, and each kind a
  // compiled caller had not seen de-optimized it (in every worker, compiled again each time)
  const scored: Array<[string, number]> = []
  for (let k = 0; k < width; k++) scored.push([index.languages[k]!, distances[k]! + missing * MAX_DIFFERENCE])
  // stable: equal distances keep the models' order
  scored.sort((a, b) => a[1] - b[1])
  const min = scored[0]![1]
  const max = value.length * MAX_DIFFERENCE - min
  for (const entry of scored) entry[1] = 1 - (entry[1] - min) / max || 0
  return scored
}
