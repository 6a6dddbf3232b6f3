/**
 * report.json and claims.csv, written as the sources are processed: each
 * source's pieces are appended to spill files in the output folder, and at the
 * end report.json is put together from them in its fixed order (keys in a fixed
 * order, sources by id, no clock: equal inputs give equal bytes). The result is
 * exactly what `JSON.stringify(report, null, 2)` would write, without ever
 * holding the report, or the matches of every source, in memory.
 */
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync, writevSync } from "node:fs"
import type { Discrepancy } from "../domain/Discrepancy.ts"
import type { EventEntry } from "../domain/Report.ts"
import type { Ignored, Rejected } from "../domain/Source.ts"
import { temporaryName } from "./AtomicWrite.ts"
import { csvRow } from "./Csv.ts"
import { byText } from "../domain/Order.ts"
import { CLAIMS_CSV_HEADER, jsonElements, jsonValue, type SourcePieces } from "./SourcePieces.ts"

const FLUSH_AT = 1 << 20

/** Writes every byte of the buffers, in order (a vectored write may stop short). */
const writevAll = (fd: number, buffers: ReadonlyArray<Uint8Array>) => {
  let pending = buffers.slice()
  while (pending.length > 0) {
    let written = writevSync(fd, pending)
    while (pending.length > 0 && written >= pending[0]!.length) written -= pending.shift()!.length
    if (pending.length > 0 && written > 0) pending[0] = pending[0]!.subarray(written)
  }
}

const utf8 = new TextEncoder()
const SEPARATOR = utf8.encode(",\n")

/** A file written piece by piece, a megabyte at a time. */
class PieceFile {
  private readonly fd: number
  private parts: Array<Uint8Array> = []
  private size = 0
  /** whether anything was written yet */
  started = false

  constructor(readonly path: string) {
    this.fd = openSync(path, "w")
  }

  write(piece: string | Uint8Array): void {
    const bytes = typeof piece === "string" ? utf8.encode(piece) : piece
    if (bytes.length === 0) return
    this.parts.push(bytes)
    this.size += bytes.length
    this.started = true
    if (this.size >= FLUSH_AT) this.flush()
  }

  /** Appends one element (or several, joined) of a JSON array: the separator goes before every one but the first. */
  element(json: Uint8Array): void {
    if (json.length === 0) return
    if (this.started) this.write(SEPARATOR)
    this.write(json)
  }

  flush(): void {
    if (this.parts.length === 0) return
    writevAll(this.fd, this.parts)
    this.parts = []
    this.size = 0
  }

  /** Copies the whole of another (closed) file into this one. */
  copyFrom(path: string): void {
    this.flush()
    const from = openSync(path, "r")
    try {
      const buffer = Buffer.allocUnsafe(4 << 20)
      for (let read = readSync(from, buffer); read > 0; read = readSync(from, buffer)) writeSync(this.fd, buffer, 0, read)
    } finally {
      closeSync(from)
    }
  }

  private closed = false

  close(): void {
    if (this.closed) return
    this.closed = true
    try {
      this.flush()
    } finally {
      closeSync(this.fd)
    }
  }
}

/** The parts of report.json that are known only once every source is in. */
export interface ReportEnd {
  readonly tool: { readonly name: "crossclaim"; readonly version: string }
  readonly investigation: string
  readonly catalogueVersion: number
  readonly events: ReadonlyArray<typeof EventEntry.Type>
  readonly discrepancies: ReadonlyArray<Discrepancy>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
}

/**
 * Receives the pieces of each source in source order. A write error is kept and reported by `finish`, so that
 * adding a source never throws in the middle of the pool.
 */
export class ReportStream {
  private readonly files: Array<PieceFile> = []
  private readonly sources: PieceFile
  private readonly matches: PieceFile
  private readonly diagnostics: PieceFile
  private readonly claims: PieceFile
  private failure: Error | null = null

  constructor(readonly folder: string) {
    const open = (name: string) => {
      const file = new PieceFile(temporaryName(folder, name))
      this.files.push(file)
      return file
    }
    try {
      mkdirSync(folder, { recursive: true })
      this.sources = open("report.json.sources")
      this.matches = open("report.json.matches")
      this.diagnostics = open("report.json.diagnostics")
      this.claims = open("claims.csv")
      this.claims.write("\uFEFF" + csvRow(CLAIMS_CSV_HEADER))
    } catch (error) {
      this.discard()
      throw error
    }
  }

  add(pieces: SourcePieces): void {
    if (this.failure !== null) return
    try {
      this.sources.element(pieces.sourceJson)
      this.matches.element(pieces.matchesJson)
      this.diagnostics.element(pieces.diagnosticsJson)
      this.claims.write(pieces.claimRows)
    } catch (error) {
      this.failure = error as Error
    }
  }

  /** Writes report.json and closes claims.csv, both under their temporary names; returns those paths. */
  finish(end: ReportEnd): { readonly reportJson: string; readonly claimsCsv: string } {
    if (this.failure !== null) throw this.failure
    for (const file of this.files) file.close()
    const report = new PieceFile(temporaryName(this.folder, "report.json"))
    this.files.push(report)
    try {
      const array = (key: string, spill: PieceFile | null, elements: ReadonlyArray<unknown>, last = false) => {
        report.write(`  ${JSON.stringify(key)}: `)
        const empty = spill === null ? elements.length === 0 : !spill.started
        if (empty) {
          report.write("[]")
        } else {
          report.write("[\n")
          if (spill !== null) report.copyFrom(spill.path)
          // element by element: one discrepancy of a large drop names every source, and their list is long
          else elements.forEach((element, i) => report.write(i === 0 ? jsonElements([element]) : `,\n${jsonElements([element])}`))
          report.write("\n  ]")
        }
        report.write(last ? "\n" : ",\n")
      }
      report.write("{\n")
      report.write(`  "tool": ${jsonValue(end.tool)},\n`)
      report.write(`  "investigation": ${jsonValue(end.investigation)},\n`)
      report.write(`  "catalogueVersion": ${jsonValue(end.catalogueVersion)},\n`)
      array("sources", this.sources, [])
      array("events", null, end.events)
      array("matches", this.matches, [])
      array("discrepancies", null, end.discrepancies.map((d) => ({
        id: d.id,
        claimId: d.claimId,
        kind: d.kind,
        crossEvent: d.crossEvent,
        eventIds: d.eventIds,
        sourceIds: d.sourceIds,
        values: d.values,
        groups: d.groups,
        slot: d.slot,
        summary: d.summary
      })))
      array("rejected", null, [...end.rejected].sort((a, b) => byText(a.file, b.file)).map((r) => ({ file: r.file, reason: r.reason, message: r.message })))
      array("ignored", null, [...end.ignored].sort((a, b) => byText(a.file, b.file)).map((i) => ({ file: i.file, reason: i.reason })))
      array("diagnostics", this.diagnostics, [], true)
      report.write("}\n")
    } finally {
      report.close()
    }
    for (const spill of [this.sources, this.matches, this.diagnostics]) rmSync(spill.path, { force: true })
    return { reportJson: report.path, claimsCsv: this.claims.path }
  }

  /** Removes every temporary file still there (after a failure; after success they have been renamed). */
  discard(): void {
    for (const file of this.files) {
      try {
        file.close()
      } catch {
        // the disk is gone: the file is removed below either way
      }
    }
    for (const file of this.files) rmSync(file.path, { force: true })
  }
}
