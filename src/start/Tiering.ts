/**
 * V8's tiering for a run, set on import, before any bundle is compiled: import it first. The code caches are
 * recorded under it, and V8 rejects a cache made with other flags, so every entry point that starts the bundles
 * (the command line, the benchmark) sets the same.
 *
 * A function is optimized once it has run 4× V8's default interrupt budget of bytecode. With the default, the hot
 * functions were optimized on the feedback of the first articles, then de-optimized and compiled again each time
 * data of a new shape arrived: on the generated 10,000-article drop, half of the TurboFan compiles (517 of 1,026)
 * were such recompiles, and every worker thread does its own. With 4× the budget: 686 compiles, 326 of them
 * recompiles, and 48 % less time compiling.
 *
 * The source workers compile on their own thread, when a function is due, instead of handing the work to V8's
 * background threads. Both cores already run a worker, so a background compile only takes turns with them, while the
 * function runs unoptimized. The flag is read when an isolate is made: it holds for the workers the run
 * starts, not for the main thread, whose compiles in the serial tail still run beside it on the free core. On the
 * generated 10,000-article drop the background threads spent 0.9 s of CPU instead of 4.6 s, the workers 1.4 s more
 * between them, and a run's CPU fell by 2.2 s (of about 25 s). Two workers at once on their halves of the drop, runs
 * alternating (the default first in each pair): 10.3 s against 11.2 s (medians of 6); whole runs on the drop: a
 * median paired ratio of 0.97 (8 pairs).
 */
import { setFlagsFromString } from "node:v8"

/** V8's default (66 KB of bytecode) × 4 */
const INTERRUPT_BUDGET = 4 * 66 * 1024

/**
 * Half V8's default inlining (460 bytes of bytecode per function inlined, 920 in all per compile). Every worker
 * compiles the hot functions for itself, and again after each de-optimization; smaller compiles cost less each
 * time, and the code they give ran as fast. Compile time in a 10,000-article run: 2.3 s against 3.4 to 3.7 s (all
 * threads, as `--trace-opt` reports it). One thread processing 5,000 generated articles in five passes of 1,000,
 * in rounds of A B B A so that neither setting always runs first: the default took 1.04× the time (median of 10
 * pairs, 0.88 to 1.16).
 */
const MAX_INLINED = 230
const MAX_INLINED_CUMULATIVE = 460

setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`)
setFlagsFromString("--no-concurrent-recompilation")
/**
 * Every function starts as Sparkplug code (V8's baseline compiler, which translates bytecode to machine code in one
 * fast pass) instead of in the interpreter. With the budget above, a function otherwise runs interpreted until 4× the
 * default budget of bytecode has passed through it before it is even baseline-compiled: a worker's first thousand
 * articles took about twice as long as each later thousand. One worker thread, 4,000 generated articles from a cold
 * start, runs alternating (12 each): 8.7 s against 9.2 s (medians), a median paired ratio of 0.94. Whole runs on the
 * generated 10,000-article drop, rounds of A B B A: a median paired ratio of 0.96 (5 rounds); the seeds' report took
 * 0.36 to 0.49 s against 0.45 to 0.63 s in the same minutes.
 */
setFlagsFromString("--always-sparkplug")
setFlagsFromString(`--max-inlined-bytecode-size=${MAX_INLINED}`)
setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${MAX_INLINED_CUMULATIVE}`)
