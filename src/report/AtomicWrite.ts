/** Writes files so that a reader sees the old content or the new, never half of one: a temporary file in the same folder, then a rename. */
import { closeSync, openSync, writeSync } from "node:fs"
import { join } from "node:path"
import { Effect, FileSystem, Path, Schema } from "effect"

export class OutputError extends Schema.TaggedError<OutputError>()("OutputError", {
  path: Schema.String,
  detail: Schema.String
}) {
  override get message() {
    return `cannot write ${this.path}: ${this.detail}`
  }
}

/** Output names are fixed by the program; this refuses anything that would leave the output folder. */
const checkName = (name: string) => /^[a-z0-9][a-z0-9._-]*$/.test(name) && !name.includes("..")

/**
 * What a file holds: its text, a thunk rendering it when its turn comes, a thunk giving its text in pieces
 * (a large file is written piece by piece and never held whole), or a file already written under a temporary
 * name in the output folder, to be renamed in its turn.
 */
export type Content = string | (() => string | Iterable<string>) | { readonly written: string }

/** The temporary name of an output while it is written: beside it, hidden, renamed or removed at the end. */
export const temporaryName = (folder: string, name: string) => join(folder, `.${name}.${process.pid}.tmp`)

/** Writes the pieces to a new file, a megabyte at a time. */
const writePieces = (file: string, pieces: Iterable<string>) =>
  Effect.try({
    try: () => {
      const fd = openSync(file, "w")
      try {
        let buffer: Array<string> = []
        let size = 0
        for (const piece of pieces) {
          buffer.push(piece)
          size += piece.length
          if (size >= 1 << 20) {
            writeSync(fd, buffer.join(""))
            buffer = []
            size = 0
          }
        }
        if (buffer.length > 0) writeSync(fd, buffer.join(""))
      } finally {
        closeSync(fd)
      }
    },
    catch: (error) => ({ message: (error as Error).message })
  })

export const writeOutputs = Effect.fn("writeOutputs")(function*(folder: string, files: ReadonlyArray<readonly [name: string, content: Content]>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const fail = (p: string) => (error: { readonly message: string }) => new OutputError({ path: p, detail: error.message })
  yield* fs.makeDirectory(folder, { recursive: true }).pipe(Effect.mapError(fail(folder)))
  for (const [name, content] of files) {
    if (!checkName(name)) return yield* new OutputError({ path: name, detail: "not a plain file name inside the output folder" })
    const target = path.join(folder, name)
    const temporary = typeof content === "object" ? content.written : temporaryName(folder, name)
    if (typeof content !== "object") {
      const rendered = typeof content === "string" ? content : content()
      yield* (typeof rendered === "string" ? fs.writeFileString(temporary, rendered) : writePieces(temporary, rendered)).pipe(Effect.mapError(fail(temporary)))
    }
    yield* fs.rename(temporary, target).pipe(
      Effect.mapError(fail(target)),
      Effect.tapError(() => Effect.ignore(fs.remove(temporary)))
    )
  }
})
