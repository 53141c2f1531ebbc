# make        — build descent (release), the same as make build
# make run    — install what is missing, build, and start descent
# make test   — install what is missing, and run every test
# make test-load — the terminal, nothing-lost, narrow-screen and recovery suites, twice, with both cores kept busy
# make soak   — descent killed at random moments while it saves, again and again (slow)
# make bench  — the speed benchmark (release build)
# make install PREFIX=~/.local — descent with the Swift runtime inside, its man page and completions
# make compare-sympy — the printed derivatives against SymPy's simplify
# make man    — the man page, man/descent.1, after changing the command's --help
# make reference — docs/reference.md, after changing a command's or built-in's help
# make mutate — mutation testing: every listed bug must fail a test (slow; ONLY=text picks some)

SHELL := /bin/bash
.DEFAULT_GOAL := build
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build run static install test test-load soak bench mutate fuzz clean man reference compare-sympy

FUZZ_SECONDS ?= 60
# libFuzzer brings its own main beside the one SwiftPM names; the linker is told to let both be.
FUZZ_BUILD := swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xlinker --allow-multiple-definition

# Installs the Debian packages of $(1) that are missing, with one apt-get update.
define install
	@missing=""; for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || missing="$$missing $$package"; done; \
	if [ -n "$$missing" ]; then \
		echo "make: installing$$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; \
	fi
endef

# libedit-dev gives the line editor its headers.
deps:
	$(call install,libedit-dev)

# tmux runs the REPL in a real terminal for the end-to-end tests; python3
# (numpy, matplotlib, Jupyter), chromium and rsvg-convert run what :export
# writes. When they cannot be installed those tests are skipped (and fail
# under CI=true).
PYTHON_PACKAGES := numpy matplotlib nbformat nbconvert ipykernel jupyter_client sympy
test-deps: deps
	@missing=""; command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v rsvg-convert >/dev/null 2>&1 || missing="$$missing librsvg2-bin"; \
	if [ -n "$$missing" ]; then \
		echo "make: installing$$missing"; \
		{ $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq $$missing; } \
			|| echo "make: $$missing could not be installed; the tests that need them will be skipped"; \
	fi
	@python3 -c "import numpy, matplotlib, nbformat, nbconvert, ipykernel, jupyter_client, sympy" 2>/dev/null || { \
		echo "make: installing $(PYTHON_PACKAGES) for python3"; \
		python3 -m pip install -q $(PYTHON_PACKAGES) || python3 -m pip install -q --break-system-packages $(PYTHON_PACKAGES) \
			|| echo "make: the Python packages could not be installed; the export tests will be skipped"; }

build: deps
	@echo "make: building descent (release); the first build takes a few minutes"
	swift build -c release --product descent

run: build
	./.build/release/descent

# The installed descent is one static executable: the Swift runtime,
# Foundation, libedit and the C library inside (libedit's own libraries,
# ncurses' tinfo, libbsd and libmd, come with libedit-dev). It runs where no
# Swift toolchain is installed, and with no dynamic linker to run it starts
# in about a third of the time of the plain build. Beside it go the man page
# and the completions for bash, zsh and fish.
STATIC_FLAGS := --static-swift-stdlib -Xswiftc -static-executable -Xlinker -ltinfo -Xlinker -lbsd -Xlinker -lmd
static: deps
	swift build -c release --product descent $(STATIC_FLAGS) --scratch-path .build-static

PREFIX ?= /usr/local
install: static
	install -d $(PREFIX)/bin $(PREFIX)/share/man/man1 $(PREFIX)/share/bash-completion/completions \
		$(PREFIX)/share/zsh/site-functions $(PREFIX)/share/fish/vendor_completions.d
	install -m 755 .build-static/release/descent $(PREFIX)/bin/descent
	install -m 644 man/descent.1 $(PREFIX)/share/man/man1/descent.1
	.build-static/release/descent --generate-completion-script bash > $(PREFIX)/share/bash-completion/completions/descent
	.build-static/release/descent --generate-completion-script zsh > $(PREFIX)/share/zsh/site-functions/_descent
	.build-static/release/descent --generate-completion-script fish > $(PREFIX)/share/fish/vendor_completions.d/descent.fish
	@echo "make: installed $(PREFIX)/bin/descent, its man page and completions"

# The run's output is kept, so that its last line can say how many tests
# were skipped and why, instead of leaving that buried in the log.
TEST_LOG := .build/test-output.txt
test: test-deps
	@mkdir -p .build
	@set -o pipefail; status=0; swift test --skip '$(SOAK_SUITES)' 2>&1 | tee $(TEST_LOG) || status=$$?; \
	skipped=$$(grep -cE 'Test .* skipped' $(TEST_LOG)); \
	if [ "$$skipped" -gt 0 ]; then \
		reasons=$$(grep -oE 'Test .* skipped: ".*"' $(TEST_LOG) | sed -E 's/.*skipped: "(.*)"/\1/' | sort -u | paste -sd ';' -); \
		[ "$$skipped" = 1 ] && word=test || word=tests; \
		echo "make: $$skipped $$word skipped, because $$reasons"; \
	fi; \
	exit $$status

# The soaks count what random kills reached instead of asserting it within
# a time, so they are not part of make test.
SOAK_SUITES := SoakTests
soak: test-deps
	swift test --filter '$(SOAK_SUITES)'

# The suites that drive terminals, kill processes and race the clock, run
# RUNS times in a row while two busy loops keep both cores loaded: a green
# run here means the same on a busy machine as on a quiet one.
LOAD_SUITES := REPLTests|RecoveryREPLTests|RecoveryFileCrashTests|NothingLost|NarrowScreenTests|RecoveryTests|AtomicFileTests
RUNS ?= 2
test-load: test-deps
	swift build --build-tests
	@set -e; busy=""; for core in 1 2; do ( while :; do :; done ) & busy="$$busy $$!"; done; \
	trap 'kill $$busy' EXIT; \
	for run in $$(seq 1 $(RUNS)); do \
		echo "make: run $$run of $(RUNS) under load"; \
		swift test --skip-build --filter '$(LOAD_SUITES)' --skip '$(SOAK_SUITES)'; \
	done

# Five runs of the benchmark, each measure as the range of the five against
# its goal, and callgrind's count of the instructions a step takes.
bench: deps
	swift build -c release --product descent
	swift build -c release --product descent-bench
	$(MAKE) static
	python3 Tests/Bench/summarize.py $(if $(ONLY),--filter "$(ONLY)")

# Applies each mutation in Tests/Mutations/*.txt to a scratch copy of the
# tree, runs the test target it names, and lists the ones no test caught.
mutate: test-deps
	python3 Tests/Mutations/mutate.py $(if $(ONLY),--only "$(ONLY)")

# Each fuzz target runs FUZZ_SECONDS on a copy of its seed corpus, with a
# dictionary of the language's tokens. The targets work in a scratch folder
# of their own, so paths here are absolute; a crash leaves its input as
# crash-* in this folder, to be kept as a regression test.
FUZZ_CORPUS := $(CURDIR)/.build-fuzz/corpus
fuzz: deps
	$(FUZZ_BUILD) --product cell-fuzz
	$(FUZZ_BUILD) --product session-fuzz
	mkdir -p $(FUZZ_CORPUS)/cells $(FUZZ_CORPUS)/sessions
	.build-fuzz/release/cell-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=2048 -timeout=10 -artifact_prefix=$(CURDIR)/ \
		-dict=$(CURDIR)/Fuzz/cells.dict $(FUZZ_CORPUS)/cells $(CURDIR)/Fuzz/corpus/cells
	.build-fuzz/release/session-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 -artifact_prefix=$(CURDIR)/ \
		-dict=$(CURDIR)/Fuzz/sessions.dict $(FUZZ_CORPUS)/sessions $(CURDIR)/Fuzz/corpus/sessions

# How the printed derivatives compare with SymPy's simplify: the share of
# derivatives with no more operations than SymPy's, each checked to be
# exactly equal (sympy from PyPI). Two lists: functions.txt, which the
# simplifier is tuned on (95% required), and held-out.txt, which is only
# ever measured (reported; a wrong derivative there still fails).
compare-sympy: build
	@python3 -c "import sympy" 2>/dev/null || python3 -m pip install -q sympy
	python3 Tests/SymPy/test_translator.py
	@echo "make: the tuned list, Tests/SymPy/functions.txt"
	python3 Tests/SymPy/compare_sympy.py --descent .build/release/descent --functions Tests/SymPy/functions.txt
	@echo "make: the held-out list, Tests/SymPy/held-out.txt (measured, never tuned on)"
	python3 Tests/SymPy/compare_sympy.py --descent .build/release/descent --functions Tests/SymPy/held-out.txt --min-share 0

# The man page is made from the command's own --help by argument-parser's
# plugin; CI checks that the one kept in man/ is up to date.
man:
	swift package --allow-writing-to-directory man generate-manual --output-directory man

# docs/reference.md is made from the tables :help reads; a test fails when it is out of date.
reference:
	DESCENT_WRITE_REFERENCE=1 swift test --filter ReferenceTests

clean:
	rm -rf .build .build-static
