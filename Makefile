# Dual Power Reader. `make serve`, `make build`, `make test` do all set-up themselves.
# Every target is idempotent: a second run skips what is already done.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.lock | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1

.PHONY: all install system-deps generate build serve test lint typecheck validate unit browser-test \
        anchors report bench clean epub pdf tei

all: build

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet --no-deps -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP)

## System packages the browser tests and the HTML checker need (Chromium, Java, vnu.jar).
system-deps:
	@bash tools/ensure-system-deps.sh

## Generate build/docs from seeds/, annotations/, glossary/, cases/, reference/ and docs/.
generate: $(STAMP)
	$(BIN)/python -m build_tools generate

## The static site in site/: generated, built by MkDocs, checked; a failing check publishes nothing.
build: $(STAMP)
	$(BIN)/python -m build_tools build

## One kind of download file alone, generated with the pages into build/docs/downloads/ (`make build`
## builds all three into the site):
## EPUB 3 per source and whole edition, PDF in A4 and US Letter (WeasyPrint), TEI P5 per source.
epub: $(STAMP)
	$(BIN)/python -m build_tools epub

pdf: $(STAMP)
	$(BIN)/python -m build_tools pdf

tei: $(STAMP)
	$(BIN)/python -m build_tools tei

## Build, then preview at http://127.0.0.1:8000 with live reload on any input change.
serve: $(STAMP)
	$(BIN)/python -m build_tools serve

## Record new or revised passages in the append-only anchor registries.
anchors: $(STAMP)
	$(BIN)/python -m build_tools anchors

## Per-source editorial report: words, notes by kind, gaps, uncited notes.
report: $(STAMP)
	$(BIN)/python -m build_tools report

lint: $(STAMP)
	$(BIN)/ruff check build_tools tests benchmarks
	$(BIN)/ruff format --check build_tools tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## Validate every contributor file (annotations, glossary, cases, source metadata).
validate: $(STAMP)
	$(BIN)/python -m build_tools check

unit: $(STAMP)
	$(BIN)/python -m pytest -q -m "not browser"

browser-test: build system-deps
	$(BIN)/python -m pytest -q -m browser

## Every check: lint, types, validation, unit and golden tests, the strict build, anchor
## resolution, and the real-browser suite.
test: system-deps $(STAMP)
	$(MAKE) --no-print-directory lint typecheck validate
	$(MAKE) --no-print-directory build
	$(BIN)/python -m pytest -q

## Benchmarks (about an hour on two cores): the build of the real edition and of 50 synthetic
## sources, stage by stage, and the live preview's latency (BENCH_SIZES=real,50,500 adds 500 sources;
## BENCH_OLD=DIR also measures the code of a git worktree DIR, e.g. the commit with the memo),
## first-load transfer and layout shift of every page type, Lighthouse mobile (5 runs a page).
## Results in benchmarks/results/ (see docs/about/performance.md).
BENCH_SIZES ?= real,50
BENCH_OLD   ?=
bench: build
	$(BIN)/python -m benchmarks.build_bench --sizes $(BENCH_SIZES) $(if $(BENCH_OLD),--old $(BENCH_OLD))
	$(BIN)/python -m benchmarks.serve_latency --corpus $(BENCH_SIZES) --steps $(if $(BENCH_OLD),--old $(BENCH_OLD))
	$(BIN)/python -m benchmarks.page_weight
	$(BIN)/python -m benchmarks.exports_bench
	$(BIN)/python -m benchmarks.lighthouse

clean:
	rm -rf build site
