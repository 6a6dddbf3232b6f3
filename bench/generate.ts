/**
 * A deterministic synthetic source drop for the benchmark: articles recombined
 * from the seeds' sentences and the languages' test sentences, with metadata
 * sidecars and a few bad files. Same size and seed → the same bytes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"

/** A small, fast, seedable generator (mulberry32): the drop must not depend on Math.random. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

interface Pool {
  readonly language: string
  readonly sentences: ReadonlyArray<string>
}

const seedLanguages: Record<string, string> = { "000": "hu", "001": "sl", "002": "el", "003": "de", "004": "de" }

/** Sentences per language: the seeds' lines and every test sentence of test/languages. */
export const sentencePools = (root: string): Array<Pool> => {
  const pools = new Map<string, Set<string>>()
  const add = (language: string, sentence: string) => {
    const s = sentence.trim()
    if (s.length < 20) return
    const set = pools.get(language) ?? new Set<string>()
    set.add(s)
    pools.set(language, set)
  }
  for (const file of readdirSync(join(root, "seeds")).sort()) {
    const language = seedLanguages[file.slice(0, 3)]
    if (language === undefined) continue
    for (const line of readFileSync(join(root, "seeds", file), "utf8").split("\n")) add(language, line.replace(/^ date \S+\s*/, ""))
  }
  const cases = join(root, "test/languages")
  for (const file of readdirSync(cases).filter((f) => f.endsWith(".cases.json")).sort()) {
    const { language, cases: list } = JSON.parse(readFileSync(join(cases, file), "utf8")) as { language: string; cases: Array<{ text: string }> }
    for (const c of list) add(language, c.text)
  }
  return [...pools].sort(([a], [b]) => (a < b ? -1 : 1)).map(([language, set]) => ({ language, sentences: [...set] }))
}

export interface Generated {
  readonly folder: string
  readonly articles: number
  readonly bytes: number
}

export const generateDrop = (root: string, folder: string, articles: number, seed = 2023): Generated => {
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const next = random(seed)
  const pick = <T>(list: ReadonlyArray<T>) => list[Math.floor(next() * list.length)]!
  const pools = sentencePools(root)
  let bytes = 0
  const write = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(folder, name), content)
    bytes += typeof content === "string" ? Buffer.byteLength(content) : content.length
  }
  const width = String(articles).length
  for (let i = 0; i < articles; i++) {
    const id = `a${String(i).padStart(width, "0")}`
    // about one file in five hundred is broken
    const roll = next()
    if (roll < 0.0007) {
      write(`${id}.txt`, "")
      continue
    }
    if (roll < 0.0014) {
      write(`${id}.txt`, Uint8Array.from({ length: 64 }, (_, k) => (k * 37 + i) % 256))
      continue
    }
    if (roll < 0.002) {
      write(`${id}.meta.json`, JSON.stringify({ outlet: "orphan", language: "xx" }))
      continue
    }
    const pool = pick(pools)
    const paragraphs: Array<string> = []
    let length = 0
    const target = 2000 + Math.floor(next() * 1000)
    while (length < target) {
      const paragraph = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(pool.sentences)).join(" ")
      paragraphs.push(paragraph)
      length += paragraph.length + 2
    }
    const year = next() < 0.5 ? 2023 : 2024
    const month = year === 2023 ? "09" : "06"
    const header = next() < 0.3 ? ` date ${year}-${month} Politik\n\n` : ""
    write(`${id}.txt`, header + paragraphs.join("\n\n") + "\n")
    if (next() < 0.3) {
      write(`${id}.meta.json`, JSON.stringify({ outlet: `Outlet ${Math.floor(next() * 40)}`, published: `${year}-${month}-${next() < 0.5 ? "13" : "19"}`, language: pool.language }))
    }
  }
  return { folder, articles, bytes }
}
