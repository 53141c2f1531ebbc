# make run   — install what is missing, build, and start descent
# make test  — install what is missing, and run every test
# make bench — the speed benchmark (release build)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test bench fuzz clean

FUZZ_SECONDS ?= 60
# libFuzzer brings its own main beside the one SwiftPM names; the linker is told to let both be.
FUZZ_BUILD := swift build -c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
	-Xlinker --allow-multiple-definition

# libedit-dev gives the line editor its headers; install it only when missing.
deps:
	@dpkg -s libedit-dev >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y libedit-dev; }

build: deps
	swift build -c release --product descent

run: build
	./.build/release/descent

test: deps
	swift test

bench: deps
	swift run -c release descent-bench

# Each fuzz target runs FUZZ_SECONDS on a copy of its seed corpus; a crash
# leaves its input as crash-* here, to be kept as a regression test.
fuzz: deps
	$(FUZZ_BUILD) --product cell-fuzz
	$(FUZZ_BUILD) --product session-fuzz
	mkdir -p .build-fuzz/corpus/cells .build-fuzz/corpus/sessions
	.build-fuzz/release/cell-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=2048 -timeout=10 .build-fuzz/corpus/cells Fuzz/corpus/cells
	.build-fuzz/release/session-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 .build-fuzz/corpus/sessions Fuzz/corpus/sessions

clean:
	rm -rf .build
