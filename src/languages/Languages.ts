/** The language resources folder → validated, compiled lexicons per language, the entity index and the concept inventory. */
import { createHash } from "node:crypto"
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Context, Effect, Layer, Schema } from "effect"
import { languagesFolder } from "../ProjectFiles.ts"
import { EntityFile, EntityIndex } from "./Entities.ts"
import { LanguageResource } from "./LanguageResource.ts"
import { compileLexicon, type CompiledLexicon, Lexicon, PatternError, patternLists, patternProblem } from "./Lexicon.ts"

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
  /** the names and bytes of the resource files, hashed */
  readonly fingerprint: string
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

/** Reads the resources' files, each once, and their fingerprint: the names and bytes of all of them. */
const readFolder = (folder: string) => {
  const names = readdirSync(folder).filter((f) => f.endsWith(".json")).sort()
  const hash = createHash("sha256")
  const texts = new Map<string, string>()
  for (const name of names) {
    const bytes = readFileSync(join(folder, name))
    hash.update(`${name}\u0000${bytes.length}\u0000`).update(bytes)
    texts.set(name, bytes.toString("utf8"))
  }
  return { texts, fingerprint: hash.digest("hex") }
}

const parseJson = (texts: ReadonlyMap<string, string>, file: string): unknown => {
  const text = texts.get(file)
  if (text === undefined) throw new LanguageResourceError({ file, field: "", detail: "missing" })
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new LanguageResourceError({ file, field: "", detail: `not valid JSON (${(error as Error).message})` })
  }
}

/**
 * Where a build records the fingerprint of the resources it checked whole (every schema, every pattern compiled):
 * beside the bundle. Resources with that fingerprint are not checked again at every start; any change is.
 */
export const checkedStamp: string = fileURLToPath(new URL("./languages.checked", import.meta.url))

const readStamp = (stamp: string): string | null => {
  try {
    return readFileSync(stamp, "utf8").trim()
  } catch {
    return null
  }
}

/**
 * Where the lexicons compiled by the check are kept, one file per language beside the stamp: a start whose
 * resources have the stamp's fingerprint reads a lexicon from there instead of parsing and stemming every pattern.
 */
export const compiledFolder = (stamp: string): string => `${stamp.replace(/\.checked$/, "")}.lexicons`

interface CompiledFile {
  readonly fingerprint: string
  readonly lexicon: CompiledLexicon
}

/**
 * Checks every resource of the folder whole (schemas, patterns, every lexicon compiled) and records its fingerprint,
 * with the compiled lexicons; the stamp is written last, so it never vouches for lexicons not yet written.
 */
export const recordCheckedLanguages = (folder: string = languagesFolder, stamp: string = checkedStamp): string => {
  const languages = loadLanguages(folder, { stamp: null })
  const compiled = compiledFolder(stamp)
  rmSync(compiled, { recursive: true, force: true })
  mkdirSync(compiled, { recursive: true })
  for (const language of languages.resources.keys()) {
    const file: CompiledFile = { fingerprint: languages.fingerprint, lexicon: languages.lexicon(language)!.compiled() }
    writeFileSync(join(compiled, `${language}.json`), JSON.stringify(file))
  }
  writeFileSync(`${stamp}.tmp`, `${languages.fingerprint}\n`)
  renameSync(`${stamp}.tmp`, stamp)
  return languages.fingerprint
}

/** A language's lexicon as the check compiled it for these very resources, or undefined. */
const readCompiled = (stamp: string, language: string, resource: LanguageResource, fingerprint: string): Lexicon | undefined => {
  let file: CompiledFile
  try {
    file = JSON.parse(readFileSync(join(compiledFolder(stamp), `${language}.json`), "utf8")) as CompiledFile
  } catch {
    return undefined
  }
  if (file.fingerprint !== fingerprint || file.lexicon.language !== language) return undefined
  return Lexicon.fromCompiled(file.lexicon, resource.stemmer, resource.transliterate)
}

const decode = <S extends Schema.Top & { readonly DecodingServices: never }>(schema: S, file: string, json: unknown, checked = false): S["Type"] => {
  // the schemas only validate (no defaults, no transformations): a checked file is its own decoding
  if (checked) return json as S["Type"]
  try {
    return Schema.decodeUnknownSync(schema as never, { onExcessProperty: "error" })(json) as S["Type"]
  } catch (error) {
    const { field, detail } = firstIssue(error)
    throw new LanguageResourceError({ file, field, detail })
  }
}

/**
 * Reads and checks every resource; throws LanguageResourceError naming the file and the field. Resources whose
 * fingerprint is the one recorded in `stamp` (by the build, beside the bundle) skip the schema and pattern checks;
 * a null stamp checks everything.
 */
export const loadLanguages = (folder: string = languagesFolder, options: { readonly stamp: string | null } = { stamp: checkedStamp }): LanguageSet => {
  const { texts, fingerprint } = readFolder(folder)
  // the stamp, when it vouches for these very resources
  const trusted = options.stamp !== null && readStamp(options.stamp) === fingerprint ? options.stamp : null
  const checked = trusted !== null
  const concepts = Object.keys(decode(ConceptFile, "concepts.json", parseJson(texts, "concepts.json"), checked).concepts).sort()
  const entityFile = decode(EntityFile, "entities.json", parseJson(texts, "entities.json"), checked)
  const entities = new EntityIndex(entityFile.entities)
  const resources = new Map<string, LanguageResource>()
  const lexicons = new Map<string, Lexicon>()
  const files = [...texts.keys()].filter((f) => !RESERVED.has(f))
  for (const file of files) {
    const resource = decode(LanguageResource, file, parseJson(texts, file), checked)
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
    if (!checked) for (const [field, patterns] of patternLists(resource)) {
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
    const compiled = (trusted !== null ? readCompiled(trusted, language, resource, fingerprint) : undefined) ?? compileOrThrow(`${language}.json`, resource)
    lexicons.set(language, compiled)
    return compiled
  }
  return { concepts, entities, resources, lexicon, fingerprint }
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
