import { readdirSync, readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { identifyLanguage, type LanguageGuess } from "../../src/normalize/LanguageId.ts"
import { corpus } from "../fixtures/langid/corpus.ts"
import { heldOut } from "../fixtures/langid/heldout.ts"

const variants = Object.entries(corpus)
const CLOSE_PAIRS = ["cs", "sk", "sl", "hr", "sr-Latn", "sr-Cyrl", "bg", "ru", "uk", "es", "pt"]

/** Guesses without a prior, computed once per text. */
const cache = new Map<string, LanguageGuess>()
const guessOf = (text: string): LanguageGuess => {
  let guess = cache.get(text)
  if (guess === undefined) {
    guess = identifyLanguage(text)
    cache.set(text, guess)
  }
  return guess
}

/** Sentences per variant: corpus.ts (used while writing the rules) + heldout.ts. */
const allSentences = (variant: string): ReadonlyArray<string> => [
  ...(corpus[variant]?.sentences ?? []),
  ...(heldOut[variant]?.sentences ?? [])
]

describe("fixtures", () => {
  it.each(variants)("%s: sentences have 8-15 words, paragraphs 3-4 sentences", (variant, entry) => {
    expect(entry.sentences.length).toBeGreaterThanOrEqual(3)
    expect(entry.paragraphs.length).toBeGreaterThanOrEqual(3)
    for (const sentence of allSentences(variant)) {
      const count = sentence.split(/\s+/).length
      expect(count, sentence).toBeGreaterThanOrEqual(8)
      expect(count, sentence).toBeLessThanOrEqual(15)
    }
    for (const paragraph of entry.paragraphs) {
      const count = paragraph.split(/(?<=[.?!])\s+/).length
      expect(count, paragraph).toBeGreaterThanOrEqual(3)
      expect(count, paragraph).toBeLessThanOrEqual(4)
    }
  })
})

describe("identifyLanguage: paragraphs", () => {
  it.each(variants)("%s: every paragraph is identified", (_variant, entry) => {
    for (const paragraph of entry.paragraphs) {
      const guess = guessOf(paragraph)
      expect(guess.language, paragraph).toBe(entry.expected)
      expect(guess.confidence, paragraph).toBeGreaterThan(0.5)
    }
  })
})

describe("identifyLanguage: single sentences", () => {
  it("accuracy floor (measured 187/189 = 98.9%: 104/105 corpus, 83/84 held-out)", () => {
    const rows: Array<string> = []
    let correct = 0
    let total = 0
    let closeCorrect = 0
    let closeTotal = 0
    for (const [variant, entry] of variants) {
      const sentences = allSentences(variant)
      const ok = sentences.filter((s) => guessOf(s).language === entry.expected).length
      rows.push(`${variant} ${ok}/${sentences.length}`)
      // Per language: at most 2 of 9 wrong (measured: at most 1).
      expect(ok / sentences.length, variant).toBeGreaterThanOrEqual(7 / 9)
      correct += ok
      total += sentences.length
      if (CLOSE_PAIRS.includes(variant)) {
        closeCorrect += ok
        closeTotal += sentences.length
      }
    }
    console.info(`single-sentence accuracy ${correct}/${total}: ${rows.join(", ")}`)
    expect(correct / total).toBeGreaterThanOrEqual(0.95)
    // Close pairs (cs/sk, hr/sr/sl, ru/uk/bg, es/pt): measured 97/99.
    expect(closeCorrect / closeTotal).toBeGreaterThanOrEqual(0.95)
  })

  it("is deterministic and well-formed", () => {
    for (const [variant, entry] of variants) {
      for (const text of [entry.sentences[0] ?? "", entry.paragraphs[0] ?? ""]) {
        const a = guessOf(text)
        expect(identifyLanguage(text)).toEqual(a)
        expect(a.confidence, variant).toBeGreaterThanOrEqual(0)
        expect(a.confidence, variant).toBeLessThanOrEqual(1)
        expect(["Latn", "Cyrl", "Grek", "Other"]).toContain(a.script)
        expect(a.method.length).toBeGreaterThan(0)
      }
    }
  })
})

describe("identifyLanguage: seed articles", () => {
  const seeds = new URL("../../seeds/", import.meta.url)
  const expected: Record<string, string> = { "000": "hu", "001": "sl", "002": "el", "003": "de", "004": "de" }
  const files = readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort()

  it("finds the five seeds", () => {
    expect(files.map((f) => f.slice(0, 3))).toEqual(Object.keys(expected))
  })

  it.each(files)("%s", (file) => {
    const text = readFileSync(new URL(file, seeds), "utf8")
    const guess = identifyLanguage(text)
    expect(guess.language).toBe(expected[file.slice(0, 3)])
    expect(guess.confidence).toBeGreaterThan(0.9)
  })
})

describe("identifyLanguage: prior", () => {
  it("an English tweet inside a Greek article stays English", () => {
    const tweet =
      "A meeting between #Putin and Kim Jong-un is taking place in the #Amur region\n\nAccording to media reports, they will discuss arms supplies from the DPRK to Russia."
    const guess = identifyLanguage(tweet, { prior: "el" })
    expect(guess).toMatchObject({ language: "en", script: "Latn" })
  })

  it("short German captions and credits in a German article stay German", () => {
    for (const caption of [
      "Foto: Reuters / Kremlin Pool",
      "Archivbild: Putin im Kreml",
      "Treffen in Wladiwostok",
      "Quelle: www.globallookpress.com © Kremlin Pool / via Global Look Press",
      "Kim Jong-un und Wladimir Putin in Wostotschny"
    ]) {
      expect(identifyLanguage(caption, { prior: "de" }).language, caption).toBe("de")
    }
    expect(identifyLanguage("Foto: dpa", { prior: "de" })).toMatchObject({ language: "de", method: "prior(too-short)" })
    expect(identifyLanguage("Foto: dpa").language).toBe("und")
  })

  it("a genuinely different short segment keeps its own language", () => {
    expect(identifyLanguage("Putin and Kim are meeting today in the Amur region", { prior: "de" }).language).toBe("en")
    expect(identifyLanguage("The two leaders met for four hours.", { prior: "de" }).language).toBe("en")
    expect(identifyLanguage("«Мы никогда не сдадимся», — заявил он журналистам.", { prior: "uk" }).language).toBe("ru")
    expect(identifyLanguage("«Это не наша война», — сказал Песков.", { prior: "uk" }).language).toBe("ru")
    expect(identifyLanguage("Зеленський заявив, що переговори тривають.", { prior: "ru" }).language).toBe("uk")
    expect(identifyLanguage("Predsednik Vučić je rekao da Srbija neće uvesti sankcije Rusiji.", { prior: "hr" }).language).toBe("sr")
  })

  it("an ambiguous short segment follows the prior", () => {
    expect(identifyLanguage("Kim Jong-un i Putin na kozmodromu", { prior: "hr" }).language).toBe("hr")
    expect(identifyLanguage("Kim Jong-un i Putin na kozmodromu", { prior: "sr" }).language).toBe("sr")
    expect(identifyLanguage("Kim Jong-un in Putin na kozmodromu", { prior: "sl" }).language).toBe("sl")
    expect(identifyLanguage("Путин и Ким", { prior: "bg" }).language).toBe("bg")
    expect(identifyLanguage("Putin empfängt Kim", { prior: "DE" }).language).toBe("de")
  })

  it("the first five words of every sentence follow the prior of their own language", () => {
    for (const [variant, entry] of variants) {
      for (const sentence of allSentences(variant)) {
        const fragment = sentence.split(/\s+/).slice(0, 5).join(" ")
        expect(identifyLanguage(fragment, { prior: entry.expected }).language, fragment).toBe(entry.expected)
      }
    }
  })

  it("full sentences keep their language under a foreign prior of the same script", () => {
    // Corpus sentences that are identified correctly without a prior, under
    // every other prior of their script (a sample of Latin priors).
    // Measured: 794/801 kept (2214/2268 with all 16 Latin priors and the
    // held-out sentences); every miss is a Slavic sentence absorbed by the
    // prior of another Slavic language (sk<-cs, sl<-hr, ru<-bg, ...).
    const slavic = new Set(["cs", "sk", "sl", "hr", "sr", "bg", "ru", "uk", "pl"])
    const cyrillic = new Set(["ru", "uk", "bg"])
    const latinPriors = ["en", "de", "fr", "es", "pl", "cs", "sl", "hr", "hu", "ro"]
    let kept = 0
    let total = 0
    for (const [variant, entry] of variants) {
      if (entry.expected === "el") continue
      const isCyrillic = variant === "sr-Cyrl" || cyrillic.has(entry.expected)
      const priors = isCyrillic ? ["ru", "uk", "bg", "sr"] : latinPriors
      for (const sentence of entry.sentences.filter((s) => guessOf(s).language === entry.expected)) {
        for (const prior of priors.filter((p) => p !== entry.expected)) {
          const language = identifyLanguage(sentence, { prior }).language
          total++
          if (language === entry.expected) kept++
          else expect(slavic.has(entry.expected) && slavic.has(prior), `${prior} prior: ${sentence}`).toBe(true)
        }
      }
    }
    console.info(`foreign prior: ${kept}/${total} sentences kept their language`)
    expect(kept / total).toBeGreaterThanOrEqual(0.95)
  })
})

describe("identifyLanguage: rules", () => {
  it("returns und for empty, emoji-only and digit-only input", () => {
    for (const text of ["", "   ", "🙂🙂🔥👍", "12.09.2023 — 14:35"]) {
      expect(identifyLanguage(text)).toMatchObject({ language: "und", confidence: 0, method: "too-short" })
      expect(identifyLanguage(text, { prior: "de" }).language).toBe("und")
    }
  })

  it("Greek script is el", () => {
    expect(identifyLanguage("Ο Πούτιν και ο Κιμ")).toMatchObject({ language: "el", script: "Grek", method: "script(el)" })
  })

  it("Serbian Cyrillic is always sr", () => {
    const text = "Вучић је рекао да Србија неће увести санкције."
    for (const prior of [undefined, "ru", "bg", "uk", "mk"]) {
      const guess = identifyLanguage(text, prior === undefined ? undefined : { prior })
      expect(guess).toMatchObject({ language: "sr", script: "Cyrl" })
    }
  })

  it("reports Bosnian only with clear Bosnian markers, otherwise hr", () => {
    const bosnian =
      "Historija Bosne i Hercegovine bila je glavna tema sastanka u Sarajevu. Delegacija je cijelu sedmicu boravila u Mostaru, a hiljade ljudi dočekale su je ispred zgrade Vlade Federacije."
    expect(identifyLanguage(bosnian).language).toBe("bs")
    expect(identifyLanguage("Delegacija je cijelu sedmicu boravila u Mostaru.").language).toBe("hr")
  })

  it("names the refinement used", () => {
    expect(identifyLanguage(corpus["cs"]!.paragraphs[0]!).method).toBe("franc+markers(cs/sk)")
    expect(identifyLanguage(corpus["hr"]!.paragraphs[0]!).method).toBe("franc+markers(hr/sr/sl/bs)")
    expect(identifyLanguage(corpus["uk"]!.paragraphs[0]!).method).toBe("franc+markers(ru/uk/bg/sr/mk/be)")
    expect(identifyLanguage(corpus["pt"]!.paragraphs[0]!).method).toBe("franc+markers(es/pt/gl)")
    expect(identifyLanguage(corpus["hu"]!.paragraphs[0]!).method).toBe("franc")
  })

  it("maps other languages and scripts to ISO 639-1", () => {
    expect(identifyLanguage("Regeringen meddelade i dag att skatterna ska sänkas nästa år för alla hushåll.").language).toBe("sv")
    expect(identifyLanguage("Hallituksen mukaan talous kasvaa ensi vuonna hieman nopeammin kuin tänä vuonna.").language).toBe("fi")
    expect(
      identifyLanguage(
        "O Goberno galego aprobou onte os orzamentos para o vindeiro ano. A oposición considera que as medidas son insuficientes e que non resolven os problemas da vivenda."
      ).language
    ).toBe("gl")
    expect(
      identifyLanguage(
        "Урад у сераду ўхваліў праект бюджэту на наступны год. Апазіцыя лічыць, што гэтыя меры недастатковыя і не вырашаць праблемы з жыллём."
      ).language
    ).toBe("be")
    expect(identifyLanguage("الرئيس الروسي يلتقي الزعيم الكوري الشمالي في أقصى الشرق")).toMatchObject({ language: "ar", script: "Other" })
    expect(identifyLanguage("俄罗斯总统普京与朝鲜领导人金正恩在远东会面")).toMatchObject({ language: "zh", script: "Other" })
  })

  it("ignores URLs, handles and the # of hashtags", () => {
    const a = identifyLanguage("@bbcworld Putin and Kim are meeting today https://t.co/abc123 #Amur")
    expect(a.language).toBe("en")
  })

  it("is fast on a 2,500-character article", () => {
    const text = readFileSync(new URL("../../seeds/001_801594c05e67ed0f.txt", import.meta.url), "utf8").slice(0, 2500)
    for (let i = 0; i < 5; i++) identifyLanguage(text)
    const times: Array<number> = []
    for (let i = 0; i < 21; i++) {
      const start = performance.now()
      identifyLanguage(text)
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    // Measured median ~1.5-2 ms; the bound only catches gross regressions.
    expect(times[10]).toBeLessThan(25)
  })
})
