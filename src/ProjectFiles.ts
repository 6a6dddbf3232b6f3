/** Where the project's own data files live, whether the code runs from `src/` (tests) or compiled from `dist/`. */
import { existsSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const findRoot = (from: string): string => {
  let dir = from
  // package-lock.json only stands at the project's root (dist/ has none)
  while (!existsSync(join(dir, "package-lock.json"))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`crossclaim: no package.json above ${from}`)
    dir = parent
  }
  return dir
}

export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)))
export const languagesFolder = resolve(projectRoot, "src/languages")
export const defaultCatalogue = resolve(projectRoot, "pipelines/kim-putin/claims.json")
export const defaultBaseline = "pipelines/kim-putin/baseline.json"
export const toolVersion: string = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { version: string }).version
