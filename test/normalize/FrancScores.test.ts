import { readdirSync, readFileSync } from "node:fs"
import { francAll } from "franc"
import { describe, expect, it } from "vitest"
import { francAllOf } from "../../src/normalize/FrancScores.ts"
import { corpus } from "../fixtures/langid/corpus.ts"

const LATIN = ["eng", "deu", "fra", "spa", "ita", "por", "nld", "pol", "ces", "slk", "slv", "hrv", "srp", "bos", "hun", "ron", "tur", "swe", "dan", "nob", "fin", "ekk", "lvs", "lit", "cat", "glg", "als", "ind", "vie", "azj"]
const CYRILLIC = ["rus", "ukr", "bul", "srp", "mkd", "bel", "kaz", "kir", "tat", "tgk", "khk"]
const CANDIDATES: ReadonlyArray<ReadonlyArray<string>> = [LATIN, CYRILLIC, [...LATIN, ...CYRILLIC], ["ces", "slk"], ["hrv", "srp", "slv", "bos"], ["deu"], ["ell"], ["cmn", "jpn"], ["heb", "ydd"]]

const seeds = new URL("../../seeds/", import.meta.url).pathname
const texts: ReadonlyArray<string> = [
  ...Object.values(corpus).flatMap((entry) => [...entry.sentences, ...entry.paragraphs]),
  ...readdirSync(seeds).map((name) => readFileSync(seeds + name, "utf8")),
  "",
  "a",
  "1234 5678",
  "!!! ??? ...",
  "Foto: dpa",
  "中文字符和日本語のテキスト",
  "עברית וגם English words",
  "Смесь кириллицы and Latin letters, 50/50",
  "x".repeat(3000),
  "Ein Satz. ".repeat(300)
]

describe("francAllOf", () => {
  it("gives what francAll gives with the same candidates, pair for pair and in order", () => {
    for (const only of CANDIDATES) {
      for (const text of texts) {
        expect(francAllOf(text, only), `${only.join(",")}: ${text.slice(0, 60)}`).toEqual(francAll(text, { only: [...only], minLength: 1 }))
      }
    }
  })

  it("gives what francAll gives without candidates: every language of the text's script", () => {
    for (const text of [...texts, "これは日本語の文です。", "Ողջույն, սա հայերեն նախադասություն է։", "นี่คือประโยคภาษาไทย", "Это предложение на русском языке."]) {
      expect(francAllOf(text), text.slice(0, 60)).toEqual(francAll(text, { minLength: 1 }))
    }
  })
})
