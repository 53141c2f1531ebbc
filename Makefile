# make run   — install what is missing, build, and start descent
# make test  — install what is missing, and run every test
# make bench — the speed benchmark (release build)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps build run test bench clean

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

clean:
	rm -rf .build
