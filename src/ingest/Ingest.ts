/** Ingest: a source folder → decoded sources, plus every other file rejected or ignored with a reason. */
import { Context, Effect, FileSystem, Layer, Path, Schema } from "effect"
import { Ignored, Rejected, Source, SourceMeta } from "../domain/Source.ts"
import { decodeBytes } from "./Decode.ts"

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

/** Names sort by code point, so the order is the same on every machine and locale. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

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
  const unknown = Object.keys(json).filter((key) => !metaFields.includes(key)).sort(byName)
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

export class Ingest extends Context.Service<Ingest, {
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
        const rejected: Array<Rejected> = []
        const full = path.join(folder, file)
        const info = yield* Effect.result(fs.stat(full))
        if (info._tag === "Failure") {
          return { source: null, rejected: [new Rejected({ file, reason: "unreadable", message: `${file}: cannot be read (${info.failure.message})` })] }
        }
        const size = Number(info.success.size)
        if (size > options.maxBytes) {
          rejected.push(new Rejected({ file, reason: "too-large", message: `${file}: ${size} bytes, over the limit of ${options.maxBytes} bytes (see --max-bytes)` }))
          if (metaFile !== undefined) rejected.push(new Rejected({ file: metaFile, reason: "meta-without-text", message: `${metaFile}: its article ${file} was rejected` }))
          return { source: null, rejected }
        }
        const bytes = yield* Effect.result(fs.readFile(full))
        if (bytes._tag === "Failure") {
          return { source: null, rejected: [new Rejected({ file, reason: "unreadable", message: `${file}: cannot be read (${bytes.failure.message})` })] }
        }
        const decoded = decodeBytes(bytes.success)
        let meta: SourceMeta = {}
        let metaRead: string | null = null
        if (metaFile !== undefined) {
          const metaBytes = yield* Effect.result(fs.readFile(path.join(folder, metaFile)))
          const parsed = metaBytes._tag === "Failure"
            ? new Rejected({ file: metaFile, reason: "unreadable", message: `${metaFile}: cannot be read (${metaBytes.failure.message})` })
            : parseMeta(metaFile, metaBytes.success)
          if (parsed instanceof Rejected) rejected.push(parsed)
          else {
            meta = parsed
            metaRead = metaFile
          }
        }
        if (decoded._tag === "Refused") {
          rejected.push(new Rejected({ file, reason: decoded.reason, message: `${file}: ${decoded.message}` }))
          if (metaFile !== undefined && !rejected.some((r) => r.file === metaFile)) {
            rejected.push(new Rejected({ file: metaFile, reason: "meta-without-text", message: `${metaFile}: its article ${file} was rejected` }))
          }
          return { source: null, rejected }
        }
        const source = new Source({
          id: file.slice(0, -TEXT.length),
          file,
          text: decoded.text,
          encoding: decoded.encoding,
          encodingDetail: decoded.detail,
          bytes: size,
          metaFile: metaRead,
          meta
        })
        return { source, rejected }
      })

      const folder = Effect.fn("Ingest.folder")(function*(folder: string, options: IngestOptions = defaultIngestOptions) {
        const entries = yield* fs.readDirectory(folder).pipe(
          Effect.mapError((error) => new SourceFolderError({ path: folder, detail: error.message }))
        )
        const names = [...entries].sort(byName)
        const nameSet = new Set(names)
        const ignored: Array<Ignored> = []
        const rejected: Array<Rejected> = []
        const articles: Array<{ file: string; meta: string | undefined }> = []
        for (const name of names) {
          if (hasControlCharacters(name)) {
            rejected.push(new Rejected({ file: JSON.stringify(name).slice(1, -1), reason: "invalid-name", message: `the file name ${JSON.stringify(name)} contains control characters` }))
            continue
          }
          if (name.endsWith(META)) {
            const text = name.slice(0, -META.length) + TEXT
            if (!nameSet.has(text)) rejected.push(new Rejected({ file: name, reason: "meta-without-text", message: `${name}: there is no ${text} beside it` }))
            continue
          }
          if (name.endsWith(TEXT) && name.length > TEXT.length) {
            const info = yield* Effect.result(fs.stat(path.join(folder, name)))
            if (info._tag === "Success" && info.success.type !== "File") {
              ignored.push(new Ignored({ file: name, reason: `a ${info.success.type.toLowerCase()}, not a file` }))
              continue
            }
            const meta = name.slice(0, -TEXT.length) + META
            articles.push({ file: name, meta: nameSet.has(meta) ? meta : undefined })
            continue
          }
          ignored.push(new Ignored({ file: name, reason: name.startsWith(".") ? "hidden file" : "not an article (.txt) or its metadata (.meta.json)" }))
        }
        const read = yield* Effect.forEach(articles, ({ file, meta }) => readSource(folder, file, meta, options), { concurrency: 16 })
        const sources: Array<Source> = []
        for (const result of read) {
          if (result.source !== null) sources.push(result.source)
          rejected.push(...result.rejected)
        }
        rejected.sort((a, b) => byName(a.file, b.file))
        return { sources, rejected, ignored }
      })

      return Ingest.of({ folder })
    })
  )
}
