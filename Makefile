# Lectern: one entry point for people and CI.
#   make demo   build, then run Lectern on the example material in decks/ (writes out/: slides, PDF, report)
#   make test   format check + the whole test suite
#   make fuzz   each libFuzzer target (Fuzz/) for FUZZ_SECONDS (default 600); fails on any crash (docs/fuzzing.md)
#   make bench  speed against the cmark-gfm CLI (extract) and rumdl (lint) on generated decks (needs ../shared/bench)
#   make install  one statically linked lectern in $(PREFIX)/bin (no Swift toolchain needed to run it)
#   make check-install  that binary run from an empty folder with an empty environment (no Swift)
#   make deb      a .deb of that binary, depending on Debian's cmark-gfm and SQLite libraries

SHELL := /bin/bash
SWIFT ?= swift
APT_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev cmark-gfm libsqlite3-dev postgresql python3 python3-pip git time \
  chromium chromium-driver poppler-utils node-highlight.js node-emoji fonts-noto-color-emoji libjs-katex libreoffice-impress nodejs
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
OUT ?= out
PREFIX ?= /usr/local
VERSION := 0.1.0

.PHONY: deps build release install check-install deb demo test format lint-format bench fuzz ci clean

# Installs the system packages Lectern builds and tests with, when any is missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import selenium, PIL, pptx, pre_commit" 2>/dev/null || python3 -m pip install -q selenium pillow python-pptx pre-commit \
	  || python3 -m pip install -q --break-system-packages selenium pillow python-pptx pre-commit

build: deps
	$(SWIFT) build

# The Swift runtime and Foundation linked in statically: faster start (no 20 shared libraries to load) and a
# binary that runs where Swift is not installed. cmark-gfm and SQLite stay Debian's shared libraries.
# Concrete generic types are made by direct metadata calls, not looked up by mangled name: each such lookup
# scans all ~10,800 protocol conformances of the static binary (a one-slide build: 84M → 69M instructions).
RELEASE_FLAGS := --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS) --product lectern

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/lectern $(DESTDIR)$(PREFIX)/bin/lectern
	@echo "installed $(DESTDIR)$(PREFIX)/bin/lectern"

# The installed binary run the way a machine without Swift runs it: copied to an empty folder, started with an
# empty environment, no /opt/swift among the libraries it loads.
check-install: release
	@set -e; dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	$(MAKE) --no-print-directory install PREFIX="$$dir/usr" >/dev/null; \
	if ldd "$$dir/usr/bin/lectern" | grep -q /opt/swift; then echo "check-install: links Swift's shared libraries"; exit 1; fi; \
	printf -- '---\nmarp: true\n---\n\n# Installed\n' > "$$dir/deck.md"; \
	cd "$$dir" && env -i PATH=/usr/bin:/bin ./usr/bin/lectern build deck.md -o deck.html --no-layout && \
	env -i PATH=/usr/bin:/bin ./usr/bin/lectern lint deck.md && grep -q '<section' deck.html && \
	echo "check-install: $$(./usr/bin/lectern --version) runs without the Swift toolchain ($$(ldd usr/bin/lectern | grep -c '=>') shared libraries, none from /opt/swift)"

# libc6 (>= 2.36): the binary's relative relocations are packed (DT_RELR, see Package.swift), which needs glibc 2.36.
deb: release
	rm -rf .build/deb && mkdir -p .build/deb/DEBIAN .build/deb/usr/bin
	install -m 755 .build/release/lectern .build/deb/usr/bin/lectern
	printf '%s\n' 'Package: lectern' 'Version: $(VERSION)' 'Section: text' 'Priority: optional' \
	  "Architecture: $$(dpkg --print-architecture)" \
	  "Depends: $$(ldd .build/release/lectern | awk '/=> \//{print $$3}' \
	    | while read -r lib; do dpkg -S "$$lib" 2>/dev/null || dpkg -S "/usr$$lib" 2>/dev/null || dpkg -S "$${lib#/usr}" 2>/dev/null; done \
	    | cut -d: -f1 | sort -u | paste -sd, | sed 's/,/, /g; s/\blibc6\b/libc6 (>= 2.36)/')" \
	  'Maintainer: Lectern developers <lectern@example.invalid>' \
	  'Description: Markdown into talks and postmortems (Marp decks, DORA reports)' > .build/deb/DEBIAN/control
	dpkg-deb --root-owner-group --build .build/deb lectern_$(VERSION)_$$(dpkg --print-architecture).deb

# The main job on the bundled examples: every deck and document in decks/ linted, decks built to HTML slides
# (and PDF when Chromium is installed), everything read into its typed model, the sample metrics ingested.
demo: build
	.build/debug/lectern lint decks/
	@mkdir -p $(OUT)
	rm -f $(OUT)/metrics.sqlite*
	.build/debug/lectern metrics ingest decks/data/deployments.csv decks/data/changes.csv decks/data/incidents.jsonl --db $(OUT)/metrics.sqlite
	@set -e; pdf=""; command -v chromium >/dev/null && pdf="--pdf"; \
	for f in $$(grep -l '^marp: true' decks/*.md); do \
	  .build/debug/lectern build $$f -o $(OUT)/$$(basename $$f .md).html --notes $$pdf \
	    --db $(OUT)/metrics.sqlite --as-of 2026-11-29T00:00:00Z --window 90d; \
	done
	@mkdir -p $(OUT)
	@set -e; for f in decks/*.md; do \
	  name=$$(basename $$f .md); \
	  .build/debug/lectern extract $$f -o $(OUT)/$$name.json; \
	  .build/debug/lectern extract $$f --tables --format markdown -o $(OUT)/$$name.tables.md; \
	  python3 -c "import json,sys; d=json.load(open('$(OUT)/'+sys.argv[1]+'.json')); \
	    print(f\"{sys.argv[2]}: {d['kind']}, \" + (f\"{d['slideCount']} slides, {d['noteCount']} notes\" if d['kind']=='deck' else f\"{len(d['sections'])} sections, {len(d['tables'])} tables\") + f\" -> $(OUT)/{sys.argv[1]}.json\")" $$name $$f; \
	done
	.build/debug/lectern metrics show --db $(OUT)/metrics.sqlite --as-of 2026-11-29T00:00:00Z --window 90d --by month --benchmark decks/friday-deploys.md
	@set -e; pdf=""; command -v chromium >/dev/null && pdf="--pdf"; \
	.build/debug/lectern report decks/checkout-outage-postmortem.md --db $(OUT)/metrics.sqlite \
	  --as-of 2026-11-29T00:00:00Z --window 90d --force -o $(OUT)/checkout-outage-report.html $$pdf; \
	.build/debug/lectern report decks/checkout-outage-postmortem.md --db $(OUT)/metrics.sqlite \
	  --as-of 2026-11-29T00:00:00Z --window 90d --force -o $(OUT)/checkout-outage-report.md; \
	.build/debug/lectern lint $(OUT)/checkout-outage-report.md

lint-format:
	$(SWIFT) format lint --strict --recursive Sources Tests

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

# Built first, then run under a time limit: a hung test fails the run in minutes instead of holding CI.
TEST_MINUTES ?= 20
test: deps lint-format
	$(SWIFT) build --build-tests
	timeout -k 30 $$(( $(TEST_MINUTES) * 60 )) $(SWIFT) test --skip-build
	timeout -k 30 $$(( $(TEST_MINUTES) * 60 )) python3 -m unittest discover -s Tests/Browser -p 'test_*.py' -v

bench: deps release
	@command -v rumdl >/dev/null || python3 -m pip install -q rumdl
	@command -v pandoc >/dev/null || ($(SUDO) apt-get install -y -qq pandoc || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq pandoc) || true)
	python3 bench/extract_bench.py
	python3 bench/lint_bench.py
	python3 bench/metrics_bench.py
	python3 bench/build_bench.py
	python3 bench/memory_bench.py
	@command -v wrk >/dev/null || ($(SUDO) apt-get install -y -qq wrk || true)
	python3 bench/serve_load.py

# -sanitize=fuzzer,address builds in .build/fuzz (its own scratch path: the normal build is untouched).
FUZZ_SECONDS ?= 600
FUZZ_PARALLEL ?= 1
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_PARALLEL=$(FUZZ_PARALLEL) Fuzz/run

ci: test demo

clean:
	rm -rf .build $(OUT)
