/** Ingest: a source folder → decoded sources, plus every other file rejected or ignored with a reason. */
import { Context, Effect, FileSystem, Layer, Path, Schema } from "effect"
import { Ignored, Rejected, type Source, SourceMeta } from "../domain/Source.ts"
import { decodeBytes } from "./Decode.ts"
import { byText } from "../domain/Order.ts"

export class SourceFolderError extends Schema.TaggedError<SourceFolderError>()("SourceFolderError", {
  path: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `cannot read the source folder ${this.path}: ${this.detail}`
  }
}

export interface IngestOptions {
  /** files larger than this are rejected unread */
  readonly maxBytes: number
}

export const defaultIngestOptions: IngestOptions = { maxBytes: 5 * 1024 * 1024 }

export interface Ingested {
  readonly sources: ReadonlyArray<Source>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
}

const TEXT = ".txt"
const META = ".meta.json"

// Control characters in a file name would corrupt every report line that names it.
const hasControlCharacters = (name: string) => /[\u0000-\u001f\u007f]/.test(name)

const decodeMeta = Schema.decodeUnknownExit(SourceMeta, { onExcessProperty: "error", errors: "all" })

/** Reads and checks `<id>.meta.json`; a failure names the file and the field. */
export const parseMeta = (file: string, bytes: Uint8Array): SourceMeta | Rejected => {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, ""))
  } catch (error) {
    return new Rejected({ file, reason: "malformed-meta", message: `${file}: not valid UTF-8 JSON (${(error as Error).message})` })
  }
  const exit = decodeMeta(json)
  if (exit._tag === "Success") return exit.value
  const issue = String(exit.cause).replace(/\s+/g, " ").trim()
  return new Rejected({ file, reason: "malformed-meta", message: `${file}: ${describeMetaIssue(json, issue)}` })
}

const metaFields = ["url", "outlet", "published", "language", "event"]

const describeMetaIssue = (json: unknown, issue: string): string => {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "the metadata must be a JSON object"
  const unknown = Object.keys(json).filter((key) => !metaFields.includes(key)).sort(byText)
  if (unknown.length > 0) return `unknown field ${unknown.map((k) => `"${k}"`).join(", ")} (allowed: ${metaFields.join(", ")})`
  const wrong = metaFields.find((key) => issue.includes(`["${key}"]`))
  const value = wrong === undefined ? undefined : (json as Record<string, unknown>)[wrong]
  if (wrong !== undefined) {
    const expected = wrong === "published"
      ? "a date YYYY, YYYY-MM or YYYY-MM-DD"
      : wrong === "language"
      ? "a language code such as \"de\" or \"sr-Latn\""
      : wrong === "event"
      ? "an event id of lower-case letters, digits and dashes"
      : "a string"
    return `field "${wrong}" must be ${expected}, got ${JSON.stringify(value)}`
  }
  return issue
}

/** One article of a drop: its text file and, when there is one, its metadata file. */
export interface Article {
  readonly file: string
  readonly meta: string | undefined
}

export interface ReadArticle {
  readonly source: Source | null
  readonly rejected: ReadonlyArray<Rejected>
}

/** A file over the size limit is rejected unread, and its metadata with it. */
export const oversize = (file: string, metaFile: string | undefined, size: number, options: IngestOptions): ReadArticle | null =>
  size <= options.maxBytes ? null : {
    source: null,
    rejected: [
      new Rejected({ file, reason: "too-large", message: `${file}: ${size} bytes, over the limit of ${options.maxBytes} bytes (see --max-bytes)` }),
      ...(metaFile === undefined ? [] : [new Rejected({ file: metaFile, reason: "meta-without-text", message: `${metaFile}: its article ${file} was rejected` })])
    ]
  }

/** The bytes of an article (or the error reading them) and of its metadata → a source, or the reasons it was refused. */
export const articleFromBytes = (input: {
  readonly file: string
  readonly metaFile: string | undefined
  readonly size: number
  readonly bytes: Uint8Array | { readonly message: string }
  readonly metaBytes: Uint8Array | { readonly message: string } | undefined
}): ReadArticle => {
  const { file, metaFile } = input
  const rejected: Array<Rejected> = []
  if (!(input.bytes instanceof Uint8Array)) {
    rejected.push(new Rejected({ file, reason: "unreadable", message: `${file}: cannot be read (${input.bytes.message})` }))
  }
  let meta: SourceMeta = {}
  let metaRead: string | null = null
  if (metaFile !== undefined && input.metaBytes !== undefined) {
    const parsed = input.metaBytes instanceof Uint8Array
      ? parseMeta(metaFile, input.metaBytes)
      : new Rejected({ file: metaFile, reason: "unreadable", message: `${metaFile}: cannot be read (${input.metaBytes.message})` })
    if (parsed instanceof Rejected) rejected.push(parsed)
    else {
      meta = parsed
      metaRead = metaFile
    }
  }
  const decoded = input.bytes instanceof Uint8Array ? decodeBytes(input.bytes) : null
  if (decoded === null || decoded._tag === "Refused") {
    if (decoded !== null) rejected.push(new Rejected({ file, reason: decoded.reason, message: `${file}: ${decoded.message}` }))
    if (metaFile !== undefined && !rejected.some((r) => r.file === metaFile)) {
      rejected.push(new Rejected({ file: metaFile, reason: "meta-without-text", message: `${metaFile}: its article ${file} was rejected` }))
    }
    return { source: null, rejected }
  }
  // built from checked parts (the metadata is decoded above), so not checked again: the class's constructor would
  // check every field of every source (1 % of a worker's time)
  const source: Source = {
    id: file.slice(0, -TEXT.length),
    file,
    text: decoded.text,
    encoding: decoded.encoding,
    encodingDetail: decoded.detail,
    bytes: input.size,
    metaFile: metaRead,
    meta
  }
  return { source, rejected }
}

export interface Drop {
  readonly articles: ReadonlyArray<Article>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
}

export class Ingest extends Context.Service<Ingest, {
  /** the files of a drop: articles with their metadata; the other files rejected or ignored */
  readonly list: (folder: string) => Effect.Effect<Drop, SourceFolderError>
  /** one article read and decoded */
  readonly read: (folder: string, article: Article, options?: IngestOptions) => Effect.Effect<ReadArticle>
  /** the whole drop read at once (small drops, explanations, tests) */
  readonly folder: (folder: string, options?: IngestOptions) => Effect.Effect<Ingested, SourceFolderError>
}>()("crossclaim/Ingest") {
  static readonly layer = Layer.effect(
    Ingest,
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const path = yield* Path.Path

      const readSource = Effect.fnUntraced(function*(
        folder: string,
        file: string,
        metaFile: string | undefined,
        options: IngestOptions
      ) {
        const info = yield* Effect.result(fs.stat(path.join(folder, file)))
        if (info._tag === "Failure") return articleFromBytes({ file, metaFile, size: 0, bytes: info.failure, metaBytes: undefined })
        const size = Number(info.success.size)
        const tooLarge = oversize(file, metaFile, size, options)
        if (tooLarge !== null) return tooLarge
        const bytes = yield* Effect.result(fs.readFile(path.join(folder, file)))
        const metaBytes = metaFile === undefined ? undefined : yield* Effect.result(fs.readFile(path.join(folder, metaFile)))
        return articleFromBytes({
          file,
          metaFile,
          size,
          bytes: bytes._tag === "Success" ? bytes.success : bytes.failure,
          metaBytes: metaBytes === undefined ? undefined : metaBytes._tag === "Success" ? metaBytes.success : metaBytes.failure
        })
      })

      const list = Effect.fn("Ingest.list")(function*(folder: string) {
        const entries = yield* fs.readDirectoryEntries(folder).pipe(
          Effect.mapError((error) => new SourceFolderError({ path: folder, detail: error.message }))
        )
        const types = new Map(entries.map((e) => [e.name, e.type]))
        const names = [...types.keys()].sort(byText)
        const ignored: Array<Ignored> = []
        const rejected: Array<Rejected> = []
        const articles: Array<Article> = []
        for (const name of names) {
          if (hasControlCharacters(name)) {
            rejected.push(new Rejected({ file: JSON.stringify(name).slice(1, -1), reason: "invalid-name", message: `the file name ${JSON.stringify(name)} contains control characters` }))
            continue
          }
          if (name.endsWith(META)) {
            const text = name.slice(0, -META.length) + TEXT
            if (!types.has(text)) rejected.push(new Rejected({ file: name, reason: "meta-without-text", message: `${name}: there is no ${text} beside it` }))
            continue
          }
          if (name.endsWith(TEXT) && name.length > TEXT.length) {
            const type = types.get(name)
            if (type !== "File" && type !== "SymbolicLink") {
              ignored.push(new Ignored({ file: name, reason: `a ${String(type).toLowerCase()}, not a file` }))
              continue
            }
            const meta = name.slice(0, -TEXT.length) + META
            articles.push({ file: name, meta: types.has(meta) ? meta : undefined })
            continue
          }
          ignored.push(new Ignored({ file: name, reason: name.startsWith(".") ? "hidden file" : "not an article (.txt) or its metadata (.meta.json)" }))
        }
        return { articles, rejected, ignored } satisfies Drop
      })

      const read = (folder: string, article: Article, options: IngestOptions = defaultIngestOptions) =>
        readSource(folder, article.file, article.meta, options)

      const folder = Effect.fn("Ingest.folder")(function*(folder: string, options: IngestOptions = defaultIngestOptions) {
        const drop = yield* list(folder)
        const results = yield* Effect.forEach(drop.articles, (article) => read(folder, article, options), { concurrency: 16 })
        const sources = results.flatMap((r) => (r.source === null ? [] : [r.source]))
        const rejected = [...drop.rejected, ...results.flatMap((r) => r.rejected)].sort((a, b) => byText(a.file, b.file))
        return { sources, rejected, ignored: drop.ignored }
      })

      return Ingest.of({ list, read, folder })
    })
  )
}
