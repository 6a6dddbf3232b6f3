#!/usr/bin/env node
/**
 * `crossclaim`: starts the command line's bundle (dist/crossclaim.cjs, from src/bin.ts) with its code cache;
 * with CROSSCLAIM_WRITE_CODE_CACHE=main (the build) it records the cache when the run ends, and with
 * CROSSCLAIM_CODE_CACHE_STATUS=1 (the build's check) it says on stderr whether V8 took the cache.
 */
import "./Tiering.ts"
import { startBundle } from "./CodeCache.ts"

const started = startBundle(new URL("./crossclaim.cjs", import.meta.url))
if (process.env["CROSSCLAIM_CODE_CACHE_STATUS"] === "1") process.stderr.write(`code cache of the command line: ${started.cache}\n`)
if (process.env["CROSSCLAIM_WRITE_CODE_CACHE"] === "main") process.once("exit", started.record)
