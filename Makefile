# crossclaim — the targets fact-checkers and CI run. Each installs what it needs first.
SOURCES ?= seeds
OUT ?= output
BASELINE ?= pipelines/kim-putin/baseline.json
NODE ?= node
SHELL := /bin/bash

INSTALLED := node_modules/.installed
BUILT := dist/.built
BUILD_INPUTS := $(shell find src pipelines bench -type f \( -name '*.ts' -o -name '*.json' \) 2>/dev/null) tsconfig.json tsconfig.build.json package.json Makefile

.PHONY: report check baseline decide languages chromium test bench typecheck clean help golden

help:
	@echo "make report [SOURCES=dir OUT=dir]   run the pipeline and write the reports"
	@echo "make check  [SOURCES=dir OUT=dir]   the CI gate for a source drop (against BASELINE)"
	@echo "make baseline                       record the current discrepancies in the baseline"
	@echo "make decide ID=… DECISION=… NOTE=…  confirm or dismiss one discrepancy"
	@echo "make test                           type check and test suite"

# npm ci when node_modules is missing or older than the lock file.
$(INSTALLED): package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

# Compiled once into bundles, so a run starts JavaScript directly instead of transpiling or resolving hundreds of
# modules. The command line and its source worker are CommonJS bundles started with V8's code cache
# (src/start/CodeCache.ts): the build runs the report once on the seeds and once with workers on a generated drop
# to record the bytecode a run compiles. string-width, which yargs' help layout uses, is loaded when a text is not
# printable ASCII (src/start/LazyStringWidth.ts). The bundles are then made ASCII (src/start/AsciiSource.ts): read
# as one-byte text they load faster. A last run checks that V8 takes both caches (it rejects one made under other
# V8 flags: src/start/Tiering.ts).
ESBUILD_ANY := npx esbuild --bundle --platform=node --target=node20 --log-level=warning
ESBUILD := $(ESBUILD_ANY) --format=esm \
  --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
ESBUILD_CJS := $(ESBUILD_ANY) --format=cjs --inject:src/start/importMetaUrl.ts --define:import.meta.url=importMetaUrl \
  --alias:string-width=./src/start/LazyStringWidth.ts
$(BUILT): $(INSTALLED) $(BUILD_INPUTS)
	rm -rf dist
	npx tsc -p tsconfig.build.json
	$(ESBUILD_CJS) src/bin.ts --outfile=dist/crossclaim.cjs
	$(ESBUILD_CJS) src/sources/worker.ts --outfile=dist/worker.cjs
	$(ESBUILD) src/start/main.ts --outfile=dist/crossclaim.mjs
	$(ESBUILD) src/start/worker.ts --outfile=dist/worker.js
	$(ESBUILD) bench/run.ts --outfile=dist/bench.mjs
	$(NODE) --input-type=module -e "const { rewriteAscii } = await import('./dist/src/start/AsciiSource.js'); for (const f of ['dist/crossclaim.cjs', 'dist/worker.cjs']) rewriteAscii(f)"
	$(NODE) dist/crossclaim.mjs languages --check
	warm=$$(mktemp -d) && trap 'rm -rf "$$warm"' EXIT && \
	  CROSSCLAIM_WRITE_CODE_CACHE=main $(NODE) dist/crossclaim.mjs report --sources seeds --out "$$warm/out" > /dev/null && \
	  $(NODE) --input-type=module -e "const { generateDrop } = await import('./dist/bench/generate.js'); generateDrop(process.cwd(), '$$warm/drop', 800)" && \
	  CROSSCLAIM_WRITE_CODE_CACHE=worker $(NODE) dist/crossclaim.mjs report --sources "$$warm/drop" --out "$$warm/out" --workers 2 > /dev/null && \
	  test -s dist/crossclaim.cjs.cache && test -s dist/worker.cjs.cache && \
	  CROSSCLAIM_CODE_CACHE_STATUS=1 $(NODE) dist/crossclaim.mjs report --sources "$$warm/drop" --out "$$warm/out" --workers 2 2> "$$warm/status" > /dev/null && \
	  if grep -v ': used$$' "$$warm/status"; then echo "a code cache was not used: made under other V8 flags?" >&2; exit 1; fi
	@touch $@

CLI := $(NODE) dist/crossclaim.mjs

report: $(BUILT)
	$(CLI) report --sources "$(SOURCES)" --out "$(OUT)"

check: $(BUILT)
	$(CLI) check --sources "$(SOURCES)" --out "$(OUT)" --baseline "$(BASELINE)"

# The benchmark: ARTICLES (default 10000), RUNS of the pipeline (default 3), FLOOR_RUNS (default 1), taking turns; prints
# throughput, stages, memory and the floor.
ARTICLES ?= 10000
RUNS ?= 3
FLOOR_RUNS ?= 1
bench: $(BUILT)
	$(NODE) dist/bench.mjs --articles $(ARTICLES) --runs $(RUNS) --floor-runs $(FLOOR_RUNS)

# Records the current discrepancies in the baseline, keeping earlier decisions and notes.
baseline: $(BUILT)
	$(CLI) baseline record --sources "$(SOURCES)" --out "$(OUT)" --baseline "$(BASELINE)"

# make decide ID=<discrepancy id> DECISION=confirmed|dismissed NOTE="…"
decide: $(BUILT)
	$(CLI) baseline decide --baseline "$(BASELINE)" --id "$(ID)" --decision "$(DECISION)" $(if $(NOTE),--note "$(NOTE)")

typecheck: $(INSTALLED)
	npx tsc -p tsconfig.json --noEmit

# The review page is tested in Debian's Chromium; installed when missing.
CHROMIUM_PATH ?= /usr/bin/chromium
chromium:
	@test -x "$(CHROMIUM_PATH)" || { echo "installing Debian's chromium for the browser test"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(INSTALLED) typecheck chromium
	CHROMIUM_PATH="$(CHROMIUM_PATH)" npx vitest run

# Regenerates the README's table of languages from the resources and their tests.
languages: $(BUILT)
	$(CLI) languages --write

clean:
	rm -rf dist output

# Rewrites the golden files from the current output; review the diff before committing.
golden: $(INSTALLED)
	UPDATE_GOLDEN=1 npx vitest run test/normalize test/report test/pipelines test/check
