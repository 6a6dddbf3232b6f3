import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import iconv from "iconv-lite"
import { describe, expect, it } from "vitest"
import { decodeBytes, type Decoded, type EncodingName, type Refused } from "../../src/ingest/Decode.ts"

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "encodings")

interface FixtureEntry {
  readonly file: string
  readonly expect: "Decoded" | "Refused"
  readonly encoding?: EncodingName
  readonly bom?: boolean
  readonly text?: string
  readonly reason?: Refused["reason"]
  /** a substring the refusal message must contain */
  readonly message?: string
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as {
  readonly files: ReadonlyArray<FixtureEntry>
}

const fixture = (file: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, file)))

const entry = (file: string): FixtureEntry => {
  const e = manifest.files.find((f) => f.file === file)
  if (e === undefined) throw new Error(`no fixture ${file}`)
  return e
}

const decoded = (bytes: Uint8Array): Decoded => {
  const r = decodeBytes(bytes)
  if (r._tag !== "Decoded") throw new Error(`expected Decoded, got ${r.reason}: ${r.message}`)
  return r
}

const refusedWith = (bytes: Uint8Array): Refused => {
  const r = decodeBytes(bytes)
  if (r._tag !== "Refused") throw new Error(`expected Refused, got ${r.encoding}: ${JSON.stringify(r.text.slice(0, 60))}`)
  return r
}

const encode = (text: string, encoding: EncodingName): Uint8Array => {
  const bytes = iconv.encode(text, encoding)
  expect(iconv.decode(bytes, encoding)).toBe(text) // every character survives
  return new Uint8Array(bytes)
}

describe("decodeBytes on the fixtures", () => {
  it("has a fixture for every case the brief lists", () => {
    const names = manifest.files.map((f) => f.file)
    for (const name of [
      "utf-8.txt",
      "utf-8-bom.txt",
      "utf-16le-bom.txt",
      "utf-16be-bom.txt",
      "windows-1250-hu.txt",
      "windows-1250-sl.txt",
      "windows-1250-cs.txt",
      "iso-8859-2-hu.txt",
      "iso-8859-2-sl.txt",
      "iso-8859-2-cs.txt",
      "windows-1253-el.txt",
      "iso-8859-7-el.txt",
      "windows-1251-ru.txt",
      "windows-1251-uk.txt",
      "windows-1251-bg.txt",
      "windows-1252-de.txt",
      "windows-1252-fr.txt",
      "empty.txt",
      "bom-only.txt",
      "binary-random.bin",
      "png-header.png",
      "pdf-header.pdf",
      "undecodable-random.txt",
      "undecodable-mixed-utf8-1252.txt"
    ]) {
      expect(names).toContain(name)
    }
  })

  for (const f of manifest.files) {
    it(`${f.file} → ${f.expect === "Decoded" ? f.encoding : f.reason}`, () => {
      const r = decodeBytes(fixture(f.file))
      if (f.expect === "Decoded") {
        if (r._tag !== "Decoded") throw new Error(`refused: ${r.message}`)
        expect(r.encoding).toBe(f.encoding)
        expect(r.text).toBe(f.text)
        expect(r.bom).toBe(f.bom)
        expect(r.confidence).toBeGreaterThan(0)
        expect(r.confidence).toBeLessThanOrEqual(1)
        if (r.encoding.startsWith("utf")) expect(r.detail).toBeNull()
        else {
          expect(typeof r.detail).toBe("string")
          expect(r.detail).toMatch(/^no valid UTF-8/)
          expect(r.detail).not.toMatch(/\n/)
        }
      } else {
        if (r._tag !== "Refused") throw new Error(`decoded as ${r.encoding}`)
        expect(r.reason).toBe(f.reason)
        expect(r.message.length).toBeGreaterThan(10)
        if (f.message !== undefined) expect(r.message).toContain(f.message)
      }
    })
  }
})

describe("Unicode", () => {
  it("gives confidence 1 to a BOM and to pure ASCII, less to UTF-8 without BOM", () => {
    expect(decoded(fixture("utf-8-bom.txt")).confidence).toBe(1)
    expect(decoded(fixture("utf-16le-bom.txt")).confidence).toBe(1)
    expect(decoded(fixture("utf-16be-bom.txt")).confidence).toBe(1)
    expect(decoded(fixture("utf-8-ascii.txt")).confidence).toBe(1)
    const one = decoded(new Uint8Array(Buffer.from("Summit in Zürich", "utf8")))
    expect(one.confidence).toBeGreaterThan(0.9)
    expect(one.confidence).toBeLessThan(1)
  })

  it("removes the BOM and keeps CRLF line endings and non-NFC text as they are", () => {
    const r = decoded(fixture("utf-8-bom.txt"))
    expect(r.text.startsWith("\uFEFF")).toBe(false)
    expect(r.text).toContain("\r\n")
    const nfd = "Cafe\u0301 summit\r\n"
    expect(decoded(new Uint8Array(Buffer.from(nfd, "utf8"))).text).toBe(nfd)
  })

  it("keeps characters outside the BMP in UTF-8 and UTF-16", () => {
    expect(decoded(fixture("utf-8.txt")).text).toContain("🤝")
    expect(decoded(fixture("utf-16be-bom.txt")).text).toContain("🤝")
  })

  it("refuses broken UTF-16 and UTF-8 behind a BOM", () => {
    const odd = refusedWith(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]))
    expect(odd.reason).toBe("undecodable")
    expect(odd.message).toContain("odd number of bytes")
    const lone = refusedWith(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x41, 0x00]))
    expect(lone.reason).toBe("undecodable")
    expect(lone.message).toContain("UTF-16LE")
    const bad = refusedWith(new Uint8Array([0xef, 0xbb, 0xbf, 0x41, 0xe9, 0x42]))
    expect(bad.reason).toBe("undecodable")
    expect(bad.message).toContain("offset 4")
  })

  it("does not take UTF-16 without a BOM, and says what it may be", () => {
    const r = refusedWith(new Uint8Array(Buffer.from("The summit ended on Thursday.", "utf16le")))
    expect(r.reason).toBe("binary")
    expect(r.message).toContain("NUL bytes at offset 1")
    expect(r.message).toContain("UTF-16 without a byte-order mark")
  })

  it("refuses NUL characters inside UTF-16 text", () => {
    const r = refusedWith(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0x00, 0x41, 0x00]))
    expect(r.reason).toBe("binary")
  })
})

describe("empty files", () => {
  it("counts a BOM alone, or whitespace alone, as empty", () => {
    expect(refusedWith(new Uint8Array([])).message).toBe("the file is empty")
    for (const bytes of [
      [0xef, 0xbb, 0xbf],
      [0xff, 0xfe],
      [0xfe, 0xff],
      [0x20, 0x0a, 0x09, 0x0d, 0x0a],
      [0xef, 0xbb, 0xbf, 0x20, 0x0a],
      [0xfe, 0xff, 0x00, 0x20, 0x00, 0x0a],
      [0x20, 0xa0, 0x0a] // a no-break space in every legacy encoding
    ]) {
      expect(refusedWith(new Uint8Array(bytes)).reason).toBe("empty")
    }
  })
})

describe("binary files", () => {
  const cases: ReadonlyArray<readonly [string, ReadonlyArray<number>, string]> = [
    ["PDF", Array.from(Buffer.from("%PDF-1.4\n1 0 obj\n", "latin1")), "PDF"],
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "PNG"],
    ["JPEG", [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46], "JPEG"],
    ["GIF", Array.from(Buffer.from("GIF89a\x01\x00\x01\x00", "latin1")), "GIF"],
    ["ZIP", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], "ZIP"],
    ["DOCX", Array.from(Buffer.from("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml", "latin1")), "DOCX"],
    ["gzip", [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00], "gzip"]
  ]
  for (const [name, bytes, word] of cases) {
    it(`names the format of a ${name} file`, () => {
      const r = refusedWith(new Uint8Array(bytes))
      expect(r.reason).toBe("binary")
      expect(r.message).toContain(word)
    })
  }

  it("refuses NUL bytes and gives their offset", () => {
    const r = refusedWith(fixture("binary-random.bin"))
    expect(r.message).toBe("the file looks binary (NUL bytes at offset 12)")
  })

  it("refuses a high share of control characters, but not one stray control", () => {
    const r = refusedWith(new Uint8Array(Buffer.from("Sum\x01mit \x02ended \x1b[0m on\x07 Thursday.", "latin1")))
    expect(r.reason).toBe("binary")
    expect(r.message).toContain("control characters")
    const text = "The summit ended on Thursday and the leaders went home after a long day.\x1a"
    expect(decoded(new Uint8Array(Buffer.from(text, "latin1"))).text).toBe(text)
    const formFeed = "Page one.\fPage two.\n"
    expect(decoded(new Uint8Array(Buffer.from(formFeed, "latin1"))).text).toBe(formFeed)
  })
})

describe("legacy encodings: windows vs ISO", () => {
  it("tells windows-1250 from iso-8859-2 by the bytes where they differ", () => {
    const win = decoded(fixture("windows-1250-cs.txt"))
    expect(win.encoding).toBe("windows-1250")
    expect(win.detail).toContain("iso-8859-2 ruled out because byte 0x84")
    expect(win.detail).toContain("C1 control")
    const iso = decoded(fixture("iso-8859-2-cs.txt"))
    expect(iso.encoding).toBe("iso-8859-2")
    expect(iso.detail).toContain("read š/ž here but ą/ľ in windows-1250")
  })

  it("reports the ISO name when no byte differs and none lies in 0x80–0x9F, and says so", () => {
    const r = decoded(fixture("iso-8859-2-hu.txt"))
    expect(r.encoding).toBe("iso-8859-2")
    expect(r.detail).toContain("so the ISO name is reported")
    // the same Hungarian text with „ ” – (0x84 0x94 0x96) can only be windows-1250
    expect(decoded(fixture("windows-1250-hu.txt")).encoding).toBe("windows-1250")
    // a Greek text without Ά: identical in both, no byte in 0x80–0x9F
    const greek = "Η σύνοδος κορυφής ολοκληρώθηκε την Πέμπτη με κοινή δήλωση των ηγετών."
    const g = decoded(encode(greek, "windows-1253"))
    expect(g.encoding).toBe("iso-8859-7")
    expect(g.text).toBe(greek)
    expect(g.detail).toContain("so the ISO name is reported")
  })

  it("tells windows-1253 from iso-8859-7 by Ά (0xA2 vs 0xB6)", () => {
    const win = decoded(fixture("windows-1253-el.txt"))
    expect(win.encoding).toBe("windows-1253")
    expect(win.text).toContain("Άλλοι")
    expect(win.detail).toContain("bytes 0xA2 read Ά here but ’ in iso-8859-7")
    const iso = decoded(fixture("iso-8859-7-el.txt"))
    expect(iso.encoding).toBe("iso-8859-7")
    expect(iso.text).toContain("Άλλοι")
    expect(iso.detail).toContain("bytes 0xB6 read Ά here but ¶ in windows-1253")
    const dash = decoded(fixture("windows-1253-el-dash.txt"))
    expect(dash.detail).toContain("iso-8859-7 ruled out because byte 0x96")
  })

  it("labels a text that reads identically in two families by its letter profile, and says so", () => {
    const de = decoded(fixture("windows-1252-de.txt"))
    expect(de.encoding).toBe("windows-1252")
    expect(de.detail).toContain("German")
    expect(de.detail).toContain("the text reads identically in windows-1250")
  })
})

describe("legacy encodings: scripts and languages", () => {
  it("names the letter profile in the detail", () => {
    expect(decoded(fixture("windows-1250-hu.txt")).detail).toContain("Hungarian")
    expect(decoded(fixture("windows-1250-sl.txt")).detail).toContain("Slovenian")
    expect(decoded(fixture("windows-1250-cs.txt")).detail).toContain("Czech")
    expect(decoded(fixture("windows-1251-ru.txt")).detail).toContain("Russian")
    expect(decoded(fixture("windows-1251-uk.txt")).detail).toContain("Ukrainian")
    expect(decoded(fixture("windows-1251-bg.txt")).detail).toContain("Bulgarian")
    expect(decoded(fixture("windows-1251-sr.txt")).detail).toContain("Serbian")
    expect(decoded(fixture("windows-1252-fr.txt")).detail).toContain("French")
  })

  it("decodes one sentence in each further language of the encodings", () => {
    const cases: ReadonlyArray<readonly [string, EncodingName, EncodingName]> = [
      ["Następne spotkanie odbędzie się jesienią w Gdańsku, powiedział rzecznik rządu.", "iso-8859-2", "iso-8859-2"],
      ["Następne spotkanie odbędzie się jesienią w Gdańsku, powiedział rzecznik rządu.", "windows-1250", "windows-1250"],
      ["Predseda vlády povedal, že dohoda je veľký úspech pre celú krajinu.", "windows-1250", "windows-1250"],
      ["Sljedeći sastanak održat će se u rujnu u Splitu, rekao je ministar vanjskih poslova.", "windows-1250", "windows-1250"],
      ["Premierul a declarat că acordul este un succes şi un pas înainte pentru ţară.", "windows-1250", "iso-8859-2"],
      ["¿Habrá acuerdo? El año próximo la cumbre será en España.", "windows-1252", "windows-1252"],
      ["A cimeira terminou; as negociações prosseguirão em Lisboa, disse o ministro à imprensa.", "windows-1252", "windows-1252"],
      ["The leaders said the deal was “a big step” — but critics disagreed.", "windows-1252", "windows-1252"]
    ]
    for (const [text, encoding, reported] of cases) {
      const r = decoded(encode(text, encoding))
      expect(r.text).toBe(text)
      expect(r.encoding).toBe(reported)
    }
  })
})

describe("refusing rather than guessing", () => {
  it("refuses random letters with the best candidate and its score", () => {
    const r = refusedWith(fixture("undecodable-random.txt"))
    expect(r.message).toMatch(/^the bytes are not valid UTF-8 and no supported legacy encoding fits them \(best: [a-z0-9-]+, score 0\.\d\d/)
  })

  it("refuses a file pasted together from UTF-8 and windows-1252", () => {
    const r = refusedWith(fixture("undecodable-mixed-utf8-1252.txt"))
    expect(r.message).toContain("windows-1252")
  })

  it("refuses bytes that no candidate maps, naming them", () => {
    const r = refusedWith(fixture("undecodable-unmapped.txt"))
    expect(r.message).toContain("0x81 in windows-1252")
    expect(r.message).toContain("0x98 in windows-1251")
  })

  it("refuses a long file whose second half is in another encoding", () => {
    const bytes = new Uint8Array(Buffer.concat([fixture("windows-1251-ru.txt"), fixture("windows-1253-el.txt")]))
    const r = refusedWith(bytes)
    expect(r.reason).toBe("undecodable")
    expect(r.message).toContain("as if the file mixed encodings")
  })

  it("refuses a sentence that fits two scripts equally, naming both", () => {
    // the only non-ASCII letter is a final č (0xE8), which windows-1252 reads as an Italian è
    const r = refusedWith(encode("Opozicija opozarja, da so zaveze preveč ohlapne.", "windows-1250"))
    expect(r.reason).toBe("undecodable")
    expect(r.message).toContain("windows-1252 (Italian")
    expect(r.message).toContain("iso-8859-2 (")
    // too short to tell Greek from Cyrillic
    const g = refusedWith(encode("Η σύνοδος έληξε.", "windows-1253"))
    expect(g.message).toContain("iso-8859-7")
    expect(g.message).toContain("windows-1251")
  })
})

// ---------------------------------------------------------------------------------------------------------
// Short texts: how far down detection stays right (numbers quoted in the header of src/ingest/Decode.ts)

const SENTENCES: Record<string, readonly [ReadonlyArray<EncodingName>, ReadonlyArray<string>]> = {
  hu: [
    ["windows-1250", "iso-8859-2"],
    [
      "A csúcstalálkozó csütörtökön kezdődött Budapesten.",
      "A miniszterelnök szerint a megállapodás fontos lépés.",
      "Az ellenzék bírálta a tárgyalások eredményét.",
      "A következő ülést őszre tűzték ki."
    ]
  ],
  cs: [
    ["windows-1250", "iso-8859-2"],
    [
      "Summit skončil ve čtvrtek pozdě večer.",
      "Předseda vlády řekl, že dohoda je velký úspěch.",
      "Opozice upozorňuje, že závazky jsou příliš vágní.",
      "Další jednání se uskuteční v září v Brně."
    ]
  ],
  sk: [
    ["windows-1250", "iso-8859-2"],
    [
      "Samit sa skončil vo štvrtok neskoro večer.",
      "Predseda vlády povedal, že dohoda je veľký úspech.",
      "Opozícia upozorňuje, že záväzky sú príliš vágne."
    ]
  ],
  pl: [
    ["windows-1250", "iso-8859-2"],
    [
      "Szczyt zakończył się w czwartek późnym wieczorem.",
      "Premier powiedział, że porozumienie to duży sukces.",
      "Opozycja twierdzi, że zobowiązania są zbyt ogólne.",
      "Następne spotkanie odbędzie się jesienią w Gdańsku."
    ]
  ],
  sl: [
    ["windows-1250", "iso-8859-2"],
    [
      "Vrh se je v četrtek končal pozno zvečer.",
      "Predsednik vlade je dejal, da je dogovor velik uspeh.",
      "Opozicija opozarja, da so zaveze preveč ohlapne.",
      "Naslednje srečanje bo jeseni v Mariboru."
    ]
  ],
  hr: [
    ["windows-1250", "iso-8859-2"],
    [
      "Summit je završen u četvrtak kasno navečer.",
      "Premijer je rekao da je sporazum veliki uspjeh.",
      "Oporba upozorava da su obveze preopćenite.",
      "Sljedeći sastanak održat će se u rujnu u Splitu."
    ]
  ],
  ro: [
    ["windows-1250", "iso-8859-2"],
    [
      "Summitul s-a încheiat joi seară târziu.",
      "Premierul a declarat că acordul este un succes şi un pas înainte.",
      "Opoziţia susţine că angajamentele sunt prea vagi."
    ]
  ],
  el: [
    ["windows-1253", "iso-8859-7"],
    [
      "Η σύνοδος κορυφής ολοκληρώθηκε την Πέμπτη.",
      "Ο πρωθυπουργός δήλωσε ότι η συμφωνία είναι σημαντική.",
      "Άλλοι ηγέτες ζήτησαν περισσότερη διαφάνεια.",
      "Η επόμενη συνάντηση θα γίνει στην Αθήνα."
    ]
  ],
  ru: [
    ["windows-1251"],
    [
      "Саммит завершился в четверг вечером.",
      "Президент заявил, что соглашение стало успехом.",
      "Оппозиция считает, что обязательства слишком расплывчаты.",
      "Следующая встреча пройдёт осенью в Казани."
    ]
  ],
  uk: [
    ["windows-1251"],
    [
      "Саміт завершився у четвер увечері.",
      "Прем’єр заявив, що угода є великим успіхом.",
      "Опозиція вважає, що зобов’язання надто розмиті.",
      "Наступна зустріч відбудеться восени у Львові."
    ]
  ],
  bg: [
    ["windows-1251"],
    [
      "Срещата на върха приключи в четвъртък вечерта.",
      "Премиерът заяви, че споразумението е голям успех.",
      "Опозицията смята, че ангажиментите са твърде неясни.",
      "Следващата среща ще бъде във Варна."
    ]
  ],
  sr: [
    ["windows-1251"],
    [
      "Самит је завршен у четвртак увече.",
      "Премијер је рекао да је споразум велики успех.",
      "Опозиција сматра да су обавезе превише нејасне.",
      "Следећи састанак биће одржан у Нишу."
    ]
  ],
  de: [
    ["windows-1252"],
    [
      "Der Gipfel endete am Donnerstag spät am Abend.",
      "Die Kanzlerin sagte, die Einigung sei ein großer Erfolg.",
      "Kritiker bemängeln, dass die Zusagen zu vage seien.",
      "Das nächste Treffen findet in München statt."
    ]
  ],
  fr: [
    ["windows-1252"],
    [
      "Le sommet s’est terminé jeudi soir très tard.",
      "Le président a déclaré que l’accord était un succès.",
      "L’opposition estime que les engagements sont trop vagues.",
      "La prochaine réunion aura lieu à Strasbourg."
    ]
  ],
  es: [
    ["windows-1252"],
    [
      "La cumbre terminó el jueves por la noche.",
      "El presidente afirmó que el acuerdo es un gran éxito.",
      "La oposición considera que los compromisos son demasiado vagos.",
      "La próxima reunión será en otoño en Málaga."
    ]
  ],
  pt: [
    ["windows-1252"],
    [
      "A cimeira terminou na quinta-feira à noite.",
      "O primeiro-ministro afirmou que o acordo é um grande êxito.",
      "A oposição considera que os compromissos são vagos.",
      "A próxima reunião será no outono em Lisboa."
    ]
  ],
  it: [
    ["windows-1252"],
    [
      "Il vertice si è concluso giovedì sera tardi.",
      "Il premier ha detto che l’accordo è un grande successo.",
      "L’opposizione ritiene che gli impegni siano troppo vaghi.",
      "La prossima riunione si terrà a Napoli in autunno."
    ]
  ]
}

interface Outcome {
  readonly length: number
  readonly high: number
  readonly outcome: "ok" | "refused" | "wrong"
  readonly text: string
  readonly encoding: EncodingName
}

const shortTextOutcomes = (): ReadonlyArray<Outcome> => {
  const cases: Array<readonly [string, EncodingName]> = []
  for (const [encodings, sentences] of Object.values(SENTENCES)) {
    for (const encoding of encodings) for (const s of sentences) cases.push([s, encoding])
  }
  // and every sentence of the legacy fixtures
  for (const f of manifest.files) {
    if (f.expect !== "Decoded" || f.encoding === undefined || f.encoding.startsWith("utf") || f.text === undefined) continue
    for (const s of f.text.trim().split(/(?<=[.!?»“”])\s+/)) cases.push([s, f.encoding])
  }
  const out: Array<Outcome> = []
  for (const [sentence, encoding] of cases) {
    const words = sentence.split(" ")
    for (let k = 1; k <= words.length; k++) {
      const text = words.slice(0, k).join(" ")
      const bytes = new Uint8Array(iconv.encode(text, encoding))
      if (iconv.decode(Buffer.from(bytes), encoding) !== text) continue // e.g. „ ” in iso-8859-2
      const high = bytes.filter((b) => b >= 0x80).length
      if (high === 0) continue // ASCII is UTF-8
      const r = decodeBytes(bytes)
      const outcome = r._tag === "Refused" ? "refused" : r.text === text ? "ok" : "wrong"
      out.push({ length: text.length, high, outcome, text, encoding })
    }
  }
  return out
}

describe("short texts", () => {
  const outcomes = shortTextOutcomes()
  const refusedShare = (keep: (o: Outcome) => boolean): { readonly n: number; readonly refused: number } => {
    const kept = outcomes.filter(keep)
    return { n: kept.length, refused: kept.filter((o) => o.outcome === "refused").length }
  }

  it("measures about a thousand word-prefixes of one-sentence texts", () => {
    expect(outcomes.length).toBeGreaterThan(900)
  })

  it("never decodes a short text to a wrong text: it is right or refused", () => {
    const wrong = outcomes.filter((o) => o.outcome === "wrong").map((o) => `${o.encoding}: ${o.text}`)
    expect(wrong).toEqual([])
  })

  it("decodes every whole one-sentence text of 60+ characters with 8+ non-ASCII bytes", () => {
    const r = refusedShare((o) => o.length >= 60 && o.high >= 8)
    expect(r.n).toBeGreaterThan(50)
    expect(r.refused).toBe(0)
  })

  it("decodes at least 98 % of texts of 40+ characters with 5+ non-ASCII bytes", () => {
    const r = refusedShare((o) => o.length >= 40 && o.high >= 5)
    expect(r.n).toBeGreaterThan(200)
    expect(r.refused / r.n).toBeLessThanOrEqual(0.02)
  })

  it("refuses more as texts get shorter, but decodes most even under 20 characters", () => {
    const tiny = refusedShare((o) => o.length < 20)
    const long = refusedShare((o) => o.length >= 60)
    expect(tiny.refused / tiny.n).toBeGreaterThan(long.refused / long.n)
    expect(tiny.refused / tiny.n).toBeLessThan(0.25)
  })
})

describe("determinism and cost", () => {
  it("gives the same answer twice and leaves its input alone", () => {
    for (const f of manifest.files) {
      const bytes = fixture(f.file)
      const copy = bytes.slice()
      expect(decodeBytes(bytes)).toEqual(decodeBytes(bytes))
      expect(bytes).toEqual(copy)
    }
  })

  it("decodes a subarray view the same as a copy", () => {
    const file = fixture("windows-1251-ru.txt")
    const padded = new Uint8Array(file.length + 10)
    padded.set(file, 5)
    expect(decodeBytes(padded.subarray(5, 5 + file.length))).toEqual(decodeBytes(file))
  })

  it("stays linear: 2 000 legacy files of ~2.5 KB and one of 100 KB in well under the test timeout", () => {
    const files = ["windows-1250-cs.txt", "windows-1251-ru.txt", "windows-1253-el.txt", "windows-1252-fr.txt"].map(
      (name) => {
        const one = fixture(name)
        return new Uint8Array(Buffer.concat(Array.from({ length: Math.ceil(2500 / one.length) }, () => one)))
      }
    )
    const start = performance.now()
    for (let i = 0; i < 2000; i++) expect(decodeBytes(files[i % files.length] as Uint8Array)._tag).toBe("Decoded")
    const big = new Uint8Array(Buffer.concat(Array.from({ length: 400 }, () => fixture("windows-1251-ru.txt"))))
    expect(decodeBytes(big)._tag).toBe("Decoded")
    expect(performance.now() - start).toBeLessThan(20_000)
  })
})
