/**
 * The per-source stages in one function: an article's bytes → its document,
 * its event, its matches with the primary one per claim, and its share of the
 * reports already rendered; or the reasons it was rejected. Sources are
 * independent until comparison, so this runs in worker threads; what it returns
 * is plain data that crosses threads as it is, and small: the comparison keeps
 * only the primary matches' values, the reports get the rendered pieces.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs"
import { join } from "node:path"
import type { Claim, Event } from "../claims/Catalogue.ts"
import type { Extractor } from "../claims/Extract.ts"
import { alignSource, type Primary, primaryKey } from "../compare/Align.ts"
import { Diagnostic, type Document } from "../domain/Document.ts"
import type { Rejected } from "../domain/Source.ts"
import { type Article, articleFromBytes, type IngestOptions, oversize, type ReadArticle } from "../ingest/Ingest.ts"
import { normalizeSource } from "../normalize/Normalize.ts"
import { encodePieces, renderSourcePieces, type SourcePieces, sourceEntry } from "../report/SourcePieces.ts"

/** What the comparison and the run's summary keep of a source: its primary matches are shared readings. */
export interface SourceRecord extends Omit<SourceFacts, "primaries"> {
  /** the match that speaks for the source, per claim, in catalogue order */
  readonly primaries: ReadonlyArray<Primary>
}

/** A source's record as it leaves the thread that processed it. */
export interface SourceFacts {
  readonly id: string
  readonly language: string
  readonly eventId: string | null
  /** its text is in a language the claims can be searched in: only such a source can omit a claim */
  readonly searchable: boolean
  /** diagnostics saying that a part of it could not be searched */
  readonly unsearchedParts: number
  readonly affirms: number
  readonly contradicts: number
  /** the keys (primaryKey) of the matches that speak for the source, per claim, in catalogue order */
  readonly primaries: ReadonlyArray<string>
}

export interface SourceOutcome {
  readonly file: string
  readonly rejected: ReadonlyArray<Rejected>
  /** null when the file was rejected */
  readonly record: SourceFacts | null
  readonly pieces: SourcePieces | null
}

/** What every source is processed against. */
export interface SourceSetup {
  readonly claims: ReadonlyArray<Claim>
  readonly events: ReadonlyArray<Event>
}

/**
 * Reads an article with plain synchronous file calls: a source is processed start to end without yielding. The
 * file is opened once, its size taken from the open file (an article over the limit is not read) and its bytes
 * read through the same descriptor.
 */
export const readArticleSync = (folder: string, article: Article, options: IngestOptions): ReadArticle => {
  const meta = article.meta
  let fd: number
  try {
    fd = openSync(join(folder, article.file), "r")
  } catch (error) {
    return articleFromBytes({ file: article.file, metaFile: meta, size: 0, bytes: failure(error), metaBytes: undefined })
  }
  let size = 0
  let bytes: Uint8Array | { readonly message: string }
  try {
    size = fstatSync(fd).size
    const tooLarge = oversize(article.file, meta, size, options)
    if (tooLarge !== null) return tooLarge
    bytes = readOpen(fd, size)
  } catch (error) {
    bytes = failure(error)
  } finally {
    closeSync(fd)
  }
  let metaBytes: Uint8Array | { readonly message: string } | undefined
  if (meta !== undefined) {
    try {
      metaBytes = readFileSync(join(folder, meta))
    } catch (error) {
      metaBytes = failure(error)
    }
  }
  return articleFromBytes({ file: article.file, metaFile: meta, size, bytes, metaBytes })
}

const failure = (error: unknown) => ({ message: (error as Error).message })

/** The `size` bytes of an open file, or fewer when it ends sooner (as `readFileSync` reads a regular file). */
const readOpen = (fd: number, size: number): Uint8Array => {
  const buffer = Buffer.allocUnsafe(size)
  let length = 0
  while (length < size) {
    const read = readSync(fd, buffer, length, size - length, null)
    if (read === 0) break
    length += read
  }
  return length === size ? buffer : buffer.subarray(0, length)
}

const encodingDiagnostics = (document: Document) =>
  document.encodingDetail === null
    ? []
    : [new Diagnostic({ code: "legacy-encoding", sourceId: document.id, message: `decoded as ${document.encoding}: ${document.encodingDetail}` })]

/** Normalize, extract and align one read article, and render its pieces of the reports. */
export const processArticle = (file: string, read: ReadArticle, extractor: Extractor, setup: SourceSetup): SourceOutcome => {
  if (read.source === null) return { file, rejected: read.rejected, record: null, pieces: null }
  const normalized = normalizeSource(read.source)
  const document = normalized.document
  const extracted = extractor.extract(extractor.prepare(normalized), setup.claims)
  const aligned = alignSource({ document, matches: extracted.matches, time: extracted.time }, setup.events, setup.claims)
  const diagnostics = [...encodingDiagnostics(document), ...extracted.diagnostics, ...aligned.diagnostics]
  const unsearched = extracted.diagnostics.filter((d) => d.code === "no-resources")
  const record: SourceFacts = {
    id: document.id,
    language: document.language,
    eventId: aligned.eventId,
    searchable: !unsearched.some((d) => d.message.includes("its text")),
    unsearchedParts: unsearched.length,
    affirms: aligned.matches.filter((m) => m.stance === "affirms").length,
    contradicts: aligned.matches.filter((m) => m.stance === "contradicts").length,
    primaries: aligned.primaries.map(primaryKey)
  }
  const pieces = encodePieces(renderSourcePieces(sourceEntry(document, aligned.eventId, aligned.eventReason), aligned.matches, new Set(aligned.primaries), diagnostics))
  return { file, rejected: read.rejected, record, pieces }
}
