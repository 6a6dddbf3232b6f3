/** Golden files: compared byte for byte; rewritten only by `make golden` (UPDATE_GOLDEN=1). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { expect } from "vitest"

export const expectGolden = (path: string, actual: string): void => {
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
    return
  }
  if (!existsSync(path)) throw new Error(`golden file ${path} is missing: run \`make golden\` and review it`)
  expect(actual).toBe(readFileSync(path, "utf8"))
}
