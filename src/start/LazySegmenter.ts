/**
 * `Intl.Segmenter` for the command line's bundle, made on first use. yargs' help layout (string-width, three
 * copies) makes one when it is loaded, and the first segmenter of a process loads ICU's break rules: about
 * 15 ms on every start, for a help text most runs never print. esbuild puts this class where the bundle says
 * `Intl.Segmenter` (the Makefile's ESBUILD_CJS); the program's own code makes no segmenter.
 */
// read off `Intl` so that the build's define (Intl.Segmenter → LazySegmenter) leaves this one alone
const { Segmenter } = Intl

export class LazySegmenter {
  #segmenter: Intl.Segmenter | undefined
  readonly #locales: ConstructorParameters<typeof Intl.Segmenter>[0]
  readonly #options: ConstructorParameters<typeof Intl.Segmenter>[1]

  constructor(...[locales, options]: ConstructorParameters<typeof Intl.Segmenter>) {
    this.#locales = locales
    this.#options = options
  }

  #made(): Intl.Segmenter {
    this.#segmenter ??= new Segmenter(this.#locales, this.#options)
    return this.#segmenter
  }

  segment(input: string): Intl.Segments {
    return this.#made().segment(input)
  }

  resolvedOptions(): Intl.ResolvedSegmenterOptions {
    return this.#made().resolvedOptions()
  }
}
