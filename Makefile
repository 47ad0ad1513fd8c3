# Verbs over CMake. The release build lives in build/ (the tool at
# build/lede), the sanitizer build used by the tests in build-san/.
#
#   make              release build
#   make deps         install missing Debian packages (apt-get, root or sudo)
#   make demo         deps + build + run lede on examples/
#   make test         deps + build + tests under ASan/UBSan
#   make eval         accuracy on the AEB dev pages, HTML and text modes
#   make bench        speed of the library on the AEB dev pages
#   make bench-corpus crawl mode throughput, -j1 against -j2, and peak RSS
#   make compare      lede against other open extractors on the AEB dev pages
#   make fuzz         the fuzz target in fuzz/ (clang; FUZZ_SECONDS=60)
#   make valgrind     the tool under valgrind over the examples and test pages
#   make format       clang-format over every C file
#   make install      PREFIX=/usr/local by default (DESTDIR honoured)
#   make clean

BUILD ?= build
SAN_BUILD ?= build-san
PREFIX ?= /usr/local
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE ?= cmake
LEDE = $(BUILD)/lede
FORMAT_DIRS = src tools tests bench fuzz include

.PHONY: all build deps demo test eval bench bench-corpus compare fuzz valgrind format install clean

all: build

build:
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release
	$(CMAKE) --build $(BUILD) -j$(JOBS)

deps:
	sh scripts/install-deps.sh

# Targets that build call deps first when asked for it, so that a fresh
# machine needs nothing but these two commands.
demo: deps
	$(MAKE) --no-print-directory build
	sh scripts/demo.sh $(LEDE) examples

test: deps
	$(MAKE) --no-print-directory build
	$(CMAKE) -S . -B $(SAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLEDE_SANITIZE=ON
	$(CMAKE) --build $(SAN_BUILD) -j$(JOBS)
	ctest --test-dir $(SAN_BUILD) --output-on-failure -j$(JOBS)

eval: build
	sh eval/run.sh $(LEDE)

bench: build
	$(BUILD)/lede-bench --mode html
	$(BUILD)/lede-bench --mode text

# Crawl mode: a WARC built from the dev pages, one thread against two.
bench-corpus: build
	python3 tests/corpus/bench_corpus.py --lede $(LEDE)

# Accuracy and speed beside Mozilla Readability, Defuddle and
# readability-lxml; those are installed for this comparison only (npm
# versions pinned in bench/compare/package-lock.json). COMPARE_FLAGS takes
# compare.py options, e.g. --rounds 3.
COMPARE_FLAGS ?=
compare: build
	sh scripts/install-deps.sh python3-readability
	command -v npm >/dev/null 2>&1 || sh scripts/install-deps.sh nodejs npm
	npm ci --prefix bench/compare --prefer-offline --no-audit --no-fund
	python3 bench/compare/compare.py --lede $(LEDE) $(COMPARE_FLAGS)

# libFuzzer needs clang; FUZZ_SECONDS bounds the run.
FUZZ_SECONDS ?= 60
fuzz:
	sh scripts/install-deps.sh clang
	sh fuzz/run.sh $(FUZZ_SECONDS)
	sh tests/corpus/fuzz_corpus.sh $(FUZZ_SECONDS)

# Leaks and invalid accesses in the release build, complementing the
# sanitizer build of `make test`.
valgrind: build
	sh scripts/install-deps.sh valgrind
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 $(LEDE) examples/* tests/golden/*.html tests/golden/*.txt \
		>/dev/null; status=$$?; [ $$status -le 1 ] # 1: some input was refused

format:
	sh scripts/install-deps.sh clang-format
	find $(FORMAT_DIRS) -name '*.[ch]' -print0 2>/dev/null | xargs -0 -r clang-format -i

# The install prefix is baked into lede.pc at configure time, so the build
# is configured with it before installing.
install:
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(abspath $(PREFIX))
	$(CMAKE) --build $(BUILD) -j$(JOBS)
	DESTDIR=$(DESTDIR) $(CMAKE) --install $(BUILD)

clean:
	rm -rf $(BUILD) $(SAN_BUILD) build-fuzz
