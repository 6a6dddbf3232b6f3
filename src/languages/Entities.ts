/**
 * Names of people, places and organisations (entities.json) → mentions in a
 * sentence: each word is transliterated to ASCII and compared with the names,
 * allowing inflection endings and, for longer names, one or two typos
 * ("Vistočni" is Vostochny).
 */
import { distance } from "fastest-levenshtein"
import { Schema } from "effect"
import { transliterationKey, type Token, type WordForm } from "../text/Tokens.ts"

export const EntityKind = Schema.Literals(["person", "organisation", "country", "place", "media"])

export const EntityEntry = Schema.Struct({
  kind: EntityKind,
  /** the speaker id statements by this entity are attributed to */
  speaker: Schema.optionalKey(Schema.String),
  names: Schema.NonEmptyArray(Schema.String),
  /** allow typos (default true) */
  fuzzy: Schema.optionalKey(Schema.Boolean),
  exclude: Schema.optionalKey(Schema.Array(Schema.String))
})
export type EntityEntry = typeof EntityEntry.Type

export const EntityFile = Schema.Struct({
  about: Schema.optionalKey(Schema.String),
  entities: Schema.Record(Schema.String, EntityEntry)
})

export interface Mention {
  readonly id: string
  readonly from: number
  readonly to: number
}

interface Name {
  readonly id: string
  readonly key: string
  /** short acronyms ("US", "AP") only match when written in capitals */
  readonly capitals: boolean
  readonly fuzzy: boolean
}

/** Case endings that may follow a short name ("Kima", "Kimnek", "Kimom"): longer names take any ending of up to four letters. */
const CAPITAL = /^[\p{Lu}\p{Lt}]/u

const SHORT_NAME_ENDINGS = new Set(["a", "u", "e", "om", "em", "ovi", "ove", "ov", "nek", "et", "mel", "hez", "tol", "rol", "bol", "nak", "ot", "s", "y", "i", "ja", "ju", "jem", "ovo", "ova", "owi", "ie", "iem", "uv", "ovu", "ovy", "a"])

const NO_NAMES: ReadonlyArray<Name> = []

export class EntityIndex {
  private readonly exact = new Map<string, Array<Name>>()
  private readonly fuzzyNames: Array<Name> = []
  private readonly exclusions = new Map<string, Array<ReadonlyArray<string>>>()
  private readonly cache = new Map<string, ReadonlyArray<Name>>()
  readonly kinds = new Map<string, typeof EntityKind.Type>()
  readonly speakers = new Map<string, string>()

  constructor(entities: Readonly<Record<string, EntityEntry>>) {
    for (const id of Object.keys(entities).sort()) {
      const entry = entities[id]!
      this.kinds.set(id, entry.kind)
      if (entry.speaker !== undefined) this.speakers.set(id, entry.speaker)
      for (const written of entry.names) {
        const key = transliterationKey(written)
        if (key.length === 0) continue
        const name: Name = {
          id,
          key,
          capitals: key.length <= 4 && written === written.toUpperCase() && /\p{L}/u.test(written),
          fuzzy: entry.fuzzy ?? true
        }
        const list = this.exact.get(key) ?? []
        if (!list.some((n) => n.id === id)) list.push(name)
        this.exact.set(key, list)
        if (name.fuzzy && key.length >= 6) this.fuzzyNames.push(name)
      }
      for (const excluded of entry.exclude ?? []) {
        const keys = excluded.split(/[\s\-‐–]+/).map(transliterationKey).filter((k) => k.length > 0)
        const list = this.exclusions.get(id) ?? []
        list.push(keys)
        this.exclusions.set(id, list)
      }
    }
  }

  /** The names a single word can be. */
  private namesOf(word: string): ReadonlyArray<Name> {
    const cached = this.cache.get(word)
    if (cached !== undefined) return cached
    const key = transliterationKey(word)
    const found: Array<Name> = []
    const add = (names: ReadonlyArray<Name> | undefined) => names?.forEach((n) => found.some((f) => f.id === n.id) || found.push(n))
    if (key.length > 0) {
      add(this.exact.get(key))
      for (let cut = key.length - 1; cut >= 3 && key.length - cut <= 4; cut--) {
        const ending = key.slice(cut)
        const names = this.exact.get(key.slice(0, cut))?.filter((n) => cut >= 5 || SHORT_NAME_ENDINGS.has(ending))
        add(names)
      }
      if (found.length === 0 && key.length >= 6 && /^\p{Lu}/u.test(word)) {
        for (const name of this.fuzzyNames) {
          const allowed = name.key.length >= 9 ? 2 : 1
          if (Math.abs(name.key.length - key.length) <= allowed + 4) {
            // compare the stem part too, so an inflected misspelling still counts
            for (let cut = key.length; cut >= Math.max(5, key.length - 4); cut--) {
              // the edit distance is at least the difference in length
              if (Math.abs(cut - name.key.length) > allowed) continue
              if (distance(key.slice(0, cut), name.key) <= allowed) {
                add([name])
                break
              }
            }
          }
        }
      }
    }
    if (this.cache.size < 100_000) this.cache.set(word, found)
    return found
  }

  /** The names a word as written can be where it stands: none unless it starts with a capital; an acronym only in capitals. */
  private readonly written = new Map<string, ReadonlyArray<Name>>()

  private namesWritten(raw: string): ReadonlyArray<Name> {
    const cached = this.written.get(raw)
    if (cached !== undefined) return cached
    // names are written with a capital: "восточный" (eastern) and "ким" (whom) are not Vostochny and Kim
    let names: ReadonlyArray<Name> = NO_NAMES
    if (CAPITAL.test(raw)) {
      const all = this.namesOf(raw)
      names = all.some((name) => name.capitals) && raw !== raw.toUpperCase() ? all.filter((name) => !name.capitals) : all
    }
    if (this.written.size < 100_000) this.written.set(raw, names)
    return names
  }

  /** @param forms the tokens' forms from `tokenizeForms`: the names a word can be are kept on it */
  mentions(tokens: ReadonlyArray<Token>, forms?: ReadonlyArray<WordForm>): Array<Mention> {
    const mentions: Array<Mention> = []
    for (let i = 0; i < tokens.length; i++) {
      const raw = tokens[i]!.raw
      const form = forms?.[i]
      let names: ReadonlyArray<Name>
      if (form !== undefined && form.entityIndex === this && form.raw === raw) names = form.names as ReadonlyArray<Name>
      else {
        names = this.namesWritten(raw)
        if (form !== undefined && form.raw === raw) {
          form.entityIndex = this
          form.names = names
        }
      }
      for (let k = 0; k < names.length; k++) {
        const name = names[k]!
        if (this.excluded(name.id, tokens, forms, i)) continue
        mentions.push({ id: name.id, from: i, to: i })
      }
    }
    return mentions
  }

  /** A longer name starting here means someone or something else; its words may be inflected ("Восточном экономическом форуме"). */
  private excluded(id: string, tokens: ReadonlyArray<Token>, forms: ReadonlyArray<WordForm> | undefined, at: number): boolean {
    const exclusions = this.exclusions.get(id)
    if (exclusions === undefined) return false
    const same = (key: string, word: string) => word === key || (key.length >= 5 && word.startsWith(key.slice(0, Math.max(4, key.length - 3))))
    // the key of a token is kept on its form: a name with exclusions is looked at again at every mention
    const keyAt = (i: number): string => {
      const raw = tokens[i]!.raw
      const form = forms?.[i]
      if (form === undefined || form.raw !== raw) return transliterationKey(raw)
      return form.key ??= transliterationKey(raw)
    }
    return exclusions.some((keys) => keys.every((key, k) => tokens[at + k] !== undefined && same(key, keyAt(at + k))))
  }
}
