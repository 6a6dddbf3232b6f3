/** The language resources folder → validated, compiled lexicons per language, the entity index and the concept inventory. */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { Context, Effect, Layer, Schema } from "effect"
import { languagesFolder } from "../ProjectFiles.ts"
import { EntityFile, EntityIndex } from "./Entities.ts"
import { LanguageResource } from "./LanguageResource.ts"
import { compileLexicon, type Lexicon, PatternError, patternLists, patternProblem } from "./Lexicon.ts"

export class LanguageResourceError extends Schema.TaggedError<LanguageResourceError>()("LanguageResourceError", {
  file: Schema.String,
  field: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `${this.file}: ${this.field === "" ? "" : `${this.field}: `}${this.detail}`
  }
}

export const ConceptFile = Schema.Struct({
  about: Schema.optionalKey(Schema.String),
  concepts: Schema.Record(Schema.String, Schema.Struct({ gloss: Schema.String, not: Schema.optionalKey(Schema.String) }))
})

export interface LanguageSet {
  readonly concepts: ReadonlyArray<string>
  readonly entities: EntityIndex
  readonly resources: ReadonlyMap<string, LanguageResource>
  /** the compiled lexicon of a language, built on first use (a drop rarely needs every language) */
  readonly lexicon: (language: string) => Lexicon | undefined
}

const RESERVED = new Set(["concepts.json", "entities.json"])

/** The first problem Schema found, as "field: what was wrong". */
export const firstIssue = (error: unknown): { readonly field: string; readonly detail: string } => {
  const text = String(error instanceof Error ? error.message : error)
  const path = /at \[([^\n]*)\]/.exec(text)
  const field = path === null ? "" : path[1]!.replace(/"/g, "").replace(/\]\[/g, ".")
  const detail = text.split("\n")[0]!.trim()
  return { field, detail }
}

const readJson = (folder: string, file: string): unknown => {
  try {
    return JSON.parse(readFileSync(join(folder, file), "utf8"))
  } catch (error) {
    throw new LanguageResourceError({ file, field: "", detail: `not valid JSON (${(error as Error).message})` })
  }
}

const decode = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, file: string, json: unknown): S["Type"] => {
  try {
    return Schema.decodeUnknownSync(schema as never, { onExcessProperty: "error" })(json) as S["Type"]
  } catch (error) {
    const { field, detail } = firstIssue(error)
    throw new LanguageResourceError({ file, field, detail })
  }
}

/** Reads and checks every resource; throws LanguageResourceError naming the file and the field. */
export const loadLanguages = (folder: string = languagesFolder): LanguageSet => {
  const concepts = Object.keys(decode(ConceptFile, "concepts.json", readJson(folder, "concepts.json")).concepts).sort()
  const entityFile = decode(EntityFile, "entities.json", readJson(folder, "entities.json"))
  const entities = new EntityIndex(entityFile.entities)
  const resources = new Map<string, LanguageResource>()
  const lexicons = new Map<string, Lexicon>()
  const files = readdirSync(folder).filter((f) => f.endsWith(".json") && !RESERVED.has(f)).sort()
  for (const file of files) {
    const resource = decode(LanguageResource, file, readJson(folder, file))
    if (`${resource.language}.json` !== file) {
      throw new LanguageResourceError({ file, field: "language", detail: `says "${resource.language}" but the file is named ${file}` })
    }
    for (const concept of Object.keys(resource.concepts)) {
      if (!concepts.includes(concept)) throw new LanguageResourceError({ file, field: `concepts.${concept}`, detail: "not a concept of concepts.json" })
    }
    for (const entity of Object.keys(resource.entities)) {
      if (!entities.kinds.has(entity)) throw new LanguageResourceError({ file, field: `entities.${entity}`, detail: "not an entity of entities.json" })
    }
    // every pattern is checked now (cheaply, as written), so that a bad one stops the run before any source is read
    for (const [field, patterns] of patternLists(resource)) {
      for (const pattern of patterns) {
        const problem = patternProblem(pattern)
        if (problem !== null) throw new LanguageResourceError({ file, field, detail: `pattern "${pattern}": ${problem}` })
      }
    }
    resources.set(resource.language, resource)
  }
  const lexicon = (language: string): Lexicon | undefined => {
    const cached = lexicons.get(language)
    if (cached !== undefined) return cached
    const resource = resources.get(language)
    if (resource === undefined) return undefined
    const compiled = compileOrThrow(`${language}.json`, resource)
    lexicons.set(language, compiled)
    return compiled
  }
  return { concepts, entities, resources, lexicon }
}

/** Compiles a resource; a bad pattern names the file and the list. */
const compileOrThrow = (file: string, resource: LanguageResource): Lexicon => {
  try {
    return compileLexicon(resource)
  } catch (error) {
    if (error instanceof PatternError) {
      const [field, ...rest] = error.problem.split(": ")
      throw new LanguageResourceError({ file, field: field ?? "", detail: `pattern "${error.pattern}": ${rest.join(": ")}` })
    }
    throw error
  }
}

export class Languages extends Context.Service<Languages, LanguageSet>()("crossclaim/Languages") {
  static readonly layer = Layer.effect(
    Languages,
    Effect.try({
      try: () => Languages.of(loadLanguages()),
      catch: (error) =>
        error instanceof LanguageResourceError
          ? error
          : new LanguageResourceError({ file: "src/languages", field: "", detail: String(error) })
    })
  )
}
