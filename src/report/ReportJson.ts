/**
 * report.json and claims.csv, written as the sources are processed, under
 * temporary names in the output folder: report.json's head and its `sources`
 * go straight into it; each source's matches and diagnostics, which come after
 * `events` (known only at the end), are held in memory up to a budget and
 * spilled to files beyond it. The matches go into the report on another thread
 * (held ones on libuv's pool, spilled ones on a thread of their own) while the
 * comparison runs. The result is exactly what
 * `JSON.stringify(report, null, 2)` would write (keys in a fixed order, sources
 * by id, no clock: equal inputs give equal bytes), without ever holding the
 * whole report in memory.
 */
import { closeSync, mkdirSync, openSync, rmSync, writev, writevSync } from "node:fs"
import type { Discrepancy } from "../domain/Discrepancy.ts"
import type { EventEntry } from "../domain/Report.ts"
import type { Ignored, Rejected } from "../domain/Source.ts"
import { temporaryName } from "./AtomicWrite.ts"
import { appendInBackground } from "./BackgroundCopy.ts"
import { csvRow } from "./Csv.ts"
import { byText } from "../domain/Order.ts"
import { CLAIMS_CSV_HEADER, jsonElements, jsonValue, type SourcePieces } from "./SourcePieces.ts"

const FLUSH_AT = 1 << 20

/**
 * What is left to write of the buffers once `written` bytes of them went out: a walk by index (taking the buffers
 * off the front of the list one by one took time quadratic in their number, 0.1 s for the 20,000 pieces of the
 * held matches of 10,000 articles).
 */
export const unwritten = (buffers: ReadonlyArray<Uint8Array>, written: number): Array<Uint8Array> => {
  let k = 0
  while (k < buffers.length && written >= buffers[k]!.length) written -= buffers[k++]!.length
  if (k === buffers.length) return []
  const rest = buffers.slice(k)
  if (written > 0) rest[0] = rest[0]!.subarray(written)
  return rest
}

/** Writes every byte of the buffers, in order (a vectored write may stop short). */
const writevAll = (fd: number, buffers: ReadonlyArray<Uint8Array>) => {
  let pending = buffers
  while (pending.length > 0) pending = unwritten(pending, writevSync(fd, pending as Array<Uint8Array>))
}

/**
 * `writevAll` on a thread of libuv's pool: the caller goes on while the bytes are written (the comparison runs
 * while the held matches go into the report). Nothing else may write to the file until the promise settles.
 */
const writevAllInBackground = (fd: number, buffers: ReadonlyArray<Uint8Array>): Promise<void> =>
  new Promise((resolve, reject) => {
    const next = (pending: ReadonlyArray<Uint8Array>): void => {
      if (pending.length === 0) return resolve()
      writev(fd, pending as Array<Uint8Array>, (error, written) => (error !== null ? reject(error) : next(unwritten(pending, written))))
    }
    next(buffers)
  })

const utf8 = new TextEncoder()
const SEPARATOR = utf8.encode(",\n")
const OPEN_ARRAY = utf8.encode("[\n")

/** A file written piece by piece, a megabyte at a time. */
class PieceFile {
  readonly fd: number
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

/** What report.json starts with: known before the first source is processed. */
export interface ReportHead {
  readonly tool: { readonly name: "crossclaim"; readonly version: string }
  readonly investigation: string
  readonly catalogueVersion: number
}

/** The parts of report.json that are known only once the sources are compared. */
export interface ReportEnd {
  readonly discrepancies: ReadonlyArray<Discrepancy>
  readonly rejected: ReadonlyArray<Rejected>
  readonly ignored: ReadonlyArray<Ignored>
}

/**
 * The bytes the elements of report.json's later arrays (matches, diagnostics) may take in memory before they go to
 * spill files: a drop of 10,000 articles has about 90 MB of matches, which are then written once, where a spill
 * file would be written, read back and written again. Beyond it, memory stays flat however large the drop.
 */
const HELD_BYTES = 128 << 20

/** The elements of one of report.json's arrays that come after `events`: kept in memory, or spilled once too many. */
class HeldArray {
  private held: Array<Uint8Array> = []
  private spill: PieceFile | null = null
  /** whether an element came */
  started = false

  constructor(private readonly spillPath: string, private readonly budget: { left: number }, private readonly opened: (file: PieceFile) => void) {}

  element(json: Uint8Array): void {
    if (json.length === 0) return
    if (this.spill !== null) return this.spill.element(json)
    if (this.started) this.hold(SEPARATOR)
    this.hold(json)
    this.started = true
    if (this.budget.left < 0) this.spillHeld()
  }

  private hold(bytes: Uint8Array): void {
    this.held.push(bytes)
    this.budget.left -= bytes.length
  }

  private spillHeld(): void {
    const spill = new PieceFile(this.spillPath)
    this.opened(spill)
    spill.started = true
    for (const bytes of this.held) {
      spill.write(bytes)
      this.budget.left += bytes.length
    }
    this.held = []
    this.spill = spill
  }

  /**
   * Writes the elements into the report while the caller goes on: held ones on a thread of libuv's pool, a spill
   * file (which then holds them all) on a thread of its own, removed once copied. Nothing else may be written to the
   * report until the promise settles.
   */
  writeTo(report: PieceFile): Promise<void> {
    if (this.spill === null) {
      const held = this.held
      this.held = []
      report.flush()
      return writevAllInBackground(report.fd, held)
    }
    const spill = this.spill.path
    this.spill.close()
    report.flush()
    return appendInBackground(spill, report.fd).finally(() => rmSync(spill, { force: true }))
  }
}

/**
 * Receives the pieces of each source in source order. report.json is written as they come: its head and `sources`
 * at once, the later arrays held (or spilled) until the end. A write error is kept and reported by `endSources` or
 * `finish`, so that adding a source never throws in the middle of the pool. Once every source is in, `endSources`
 * writes `events` and starts on `matches`, and `finish` writes the rest once the sources are compared.
 */
export class ReportStream {
  private readonly files: Array<PieceFile> = []
  private readonly report: PieceFile
  private readonly matches: HeldArray
  private readonly diagnostics: HeldArray
  private readonly claims: PieceFile
  private failure: Error | null = null
  private sources = 0
  /** the matches going into the report, on a thread of their own when they were spilled; null before `endSources` */
  private matchesIn: Promise<void> | null = null

  constructor(readonly folder: string, head: ReportHead, budget: number = HELD_BYTES) {
    const open = (name: string) => {
      const file = new PieceFile(temporaryName(folder, name))
      this.files.push(file)
      return file
    }
    const left = { left: budget }
    const held = (name: string) => new HeldArray(temporaryName(folder, name), left, (file) => this.files.push(file))
    try {
      mkdirSync(folder, { recursive: true })
      this.report = open("report.json")
      this.claims = open("claims.csv")
      this.matches = held("report.json.matches")
      this.diagnostics = held("report.json.diagnostics")
      this.report.write("{\n")
      this.report.write(`  "tool": ${jsonValue(head.tool)},\n`)
      this.report.write(`  "investigation": ${jsonValue(head.investigation)},\n`)
      this.report.write(`  "catalogueVersion": ${jsonValue(head.catalogueVersion)},\n`)
      this.report.write(`  "sources": `)
      this.claims.write("\uFEFF" + csvRow(CLAIMS_CSV_HEADER))
    } catch (error) {
      this.remove()
      throw error
    }
  }

  add(pieces: SourcePieces): void {
    if (this.failure !== null) return
    try {
      if (pieces.sourceJson.length > 0) this.report.write(this.sources++ === 0 ? OPEN_ARRAY : SEPARATOR)
      this.report.write(pieces.sourceJson)
      this.matches.element(pieces.matchesJson)
      this.diagnostics.element(pieces.diagnosticsJson)
      this.claims.write(pieces.claimRows)
    } catch (error) {
      this.failure = error as Error
    }
  }

  /** Writes a JSON array of report.json (and the separator after it) from its elements, held or listed. */
  private array(key: string, held: HeldArray | null, elements: ReadonlyArray<unknown>, last = false): Promise<void> {
    const report = this.report
    report.write(`  ${JSON.stringify(key)}: `)
    const empty = held === null ? elements.length === 0 : !held.started
    const close = () => {
      if (!empty) report.write("\n  ]")
      report.write(last ? "\n" : ",\n")
    }
    if (empty) {
      report.write("[]")
    } else {
      report.write("[\n")
      if (held !== null) return held.writeTo(report).then(close)
      // element by element: one discrepancy of a large drop names every source, and their list is long
      elements.forEach((element, i) => report.write(i === 0 ? jsonElements([element]) : `,\n${jsonElements([element])}`))
    }
    close()
    return Promise.resolve()
  }

  /**
   * Closes `sources` once every source is in, writes `events`, and starts on `matches`: spilled matches are copied
   * into the report on a thread of their own, while the caller goes on (with the comparison). Nothing more may be added.
   */
  endSources(events: ReadonlyArray<typeof EventEntry.Type>): void {
    if (this.failure !== null) throw this.failure
    // the sources went in as they came, after their opening bracket
    this.report.write(this.sources === 0 ? "[]" : "\n  ]")
    this.report.write(",\n")
    void this.array("events", null, events)
    this.matchesIn = this.array("matches", this.matches, [])
    // a failed copy is reported by finish; until then it is not unhandled
    this.matchesIn.catch(() => undefined)
  }

  /** Writes the rest of report.json and closes it and claims.csv, both under their temporary names; returns those paths. */
  async finish(end: ReportEnd): Promise<{ readonly reportJson: string; readonly claimsCsv: string }> {
    if (this.matchesIn === null) throw new Error("finish before endSources")
    try {
      await this.matchesIn
      await this.array("discrepancies", null, end.discrepancies.map((d) => ({
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
      await this.array("rejected", null, [...end.rejected].sort((a, b) => byText(a.file, b.file)).map((r) => ({ file: r.file, reason: r.reason, message: r.message })))
      await this.array("ignored", null, [...end.ignored].sort((a, b) => byText(a.file, b.file)).map((i) => ({ file: i.file, reason: i.reason })))
      await this.array("diagnostics", this.diagnostics, [], true)
      this.report.write("}\n")
    } finally {
      for (const file of this.files) file.close()
    }
    return { reportJson: this.report.path, claimsCsv: this.claims.path }
  }

  /** Removes every temporary file still there (after a failure; after success they have been renamed). */
  async discard(): Promise<void> {
    // a copy still writing to the report is let finish before the report is closed
    await this.matchesIn?.catch(() => undefined)
    this.remove()
  }

  private remove(): void {
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
