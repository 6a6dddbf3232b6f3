/** Writes files so that a reader sees the old content or the new, never half of one: a temporary file in the same folder, then a rename. */
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

/** Each file is rendered only when its turn comes (a thunk), so a large report never holds every rendering at once. */
export const writeOutputs = Effect.fn("writeOutputs")(function*(folder: string, files: ReadonlyArray<readonly [name: string, content: string | (() => string)]>) {
  const fs = yield* FileSystem.FileSystem
  const path = yield* Path.Path
  const fail = (p: string) => (error: { readonly message: string }) => new OutputError({ path: p, detail: error.message })
  yield* fs.makeDirectory(folder, { recursive: true }).pipe(Effect.mapError(fail(folder)))
  for (const [name, content] of files) {
    if (!checkName(name)) return yield* new OutputError({ path: name, detail: "not a plain file name inside the output folder" })
    const target = path.join(folder, name)
    const temporary = path.join(folder, `.${name}.${process.pid}.tmp`)
    yield* fs.writeFileString(temporary, typeof content === "string" ? content : content()).pipe(Effect.mapError(fail(temporary)))
    yield* fs.rename(temporary, target).pipe(
      Effect.mapError(fail(target)),
      Effect.tapError(() => Effect.ignore(fs.remove(temporary)))
    )
  }
})
