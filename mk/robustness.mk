# Robustness: the unit tests and the fuzz targets' corpus replay built with AddressSanitizer +
# UndefinedBehaviorSanitizer (g++, run by `make check` through scripts/check-robustness.sh),
# and the fuzz targets built with libFuzzer (clang++, `make fuzz`). See tests/fuzz/README.md.
#
#   make sanitize-tests                 build/asan/unit_tests and build/asan/fuzz/<target>_replay
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="filter patch"]
#                                       build/fuzz/<target>_fuzz, each run for FUZZ_SECONDS;
#                                       new crashes land in build/fuzz/crashes/<target>/

FUZZ_TARGETS ?= filter patch_path patch resource router
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 16384

# The fewest sources each target links: the pure core (and the router with its URI
# splitting); no SOCI, no libfcgi.
FUZZ_SCHEMA_SRCS := src/scim/error.cpp src/scim/schema/attribute.cpp src/scim/schema/core_schemas.cpp \
                    src/scim/schema/registry.cpp src/scim/schema/schema.cpp src/util/json_text.cpp
FUZZ_FILTER_SRCS := $(FUZZ_SCHEMA_SRCS) src/scim/json.cpp src/scim/datetime.cpp src/scim/filter/lexer.cpp \
                    src/scim/filter/parser.cpp
FUZZ_SRCS_filter     := $(FUZZ_FILTER_SRCS) src/scim/filter/evaluate.cpp
FUZZ_SRCS_patch_path := $(FUZZ_FILTER_SRCS) src/scim/filter/patch_path.cpp
FUZZ_SRCS_patch      := $(FUZZ_FILTER_SRCS) src/scim/filter/patch_path.cpp src/scim/filter/evaluate.cpp \
                        src/scim/resource_codec.cpp src/scim/patch/patch_request.cpp src/scim/patch/patch_engine.cpp \
                        src/scim/patch/rules.cpp src/scim/patch/dialect.cpp src/scim/patch/members.cpp
FUZZ_SRCS_resource   := $(FUZZ_SCHEMA_SRCS) src/scim/json.cpp src/scim/datetime.cpp src/scim/resource_codec.cpp
FUZZ_SRCS_router     := src/app/router.cpp src/http/uri.cpp

# ---- ASan + UBSan (g++): what `make check` runs --------------------------------------------
# The top-level rules with BUILD=build/asan. The code under test is built at -O1; the unit
# test files themselves at -O0, which finds the same faults and compiles them about three
# times faster (Boost.Test cases are huge functions). The store's objects skip the vptr check:
# it needs the typeinfo of SOCI's internal classes, which libsoci does not export.
ASAN_BUILD    := build/asan
ASAN_CXXFLAGS := -std=c++20 -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
                 -fno-sanitize-recover=all -Wall -Wextra -Werror
ASAN_REPLAYS  := $(FUZZ_TARGETS:%=$(ASAN_BUILD)/fuzz/%_replay)

.PHONY: sanitize-tests fuzz fuzz-build

sanitize-tests:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) CXXFLAGS="$(ASAN_CXXFLAGS)" \
		$(ASAN_BUILD)/unit_tests $(ASAN_REPLAYS)

$(ASAN_BUILD)/tests/unit/%.o: override CXXFLAGS := $(filter-out -O1,$(ASAN_CXXFLAGS)) -O0
$(ASAN_BUILD)/src/store/%.o: override CXXFLAGS += -fno-sanitize=vptr

# ---- libFuzzer (clang++) ----------------------------------------------------------------------
FUZZ_BUILD    := build/fuzz
FUZZ_CXX      := clang++
FUZZ_CPPFLAGS := -Isrc -I/usr/include/jsoncpp -MMD -MP
FUZZ_CXXFLAGS := -std=c++20 -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
                 -fno-sanitize-recover=all
# -timeout: an input running longer is a finding (a hang); -rss_limit_mb: so is one using more.
# -max_len: past the filter/path limit (8192), small enough to keep mutations fast; larger
# seeds are truncated for fuzzing (the replay in `make check` runs them whole).
FUZZ_RUN_FLAGS := -timeout=10 -rss_limit_mb=2048 -max_len=$(FUZZ_MAX_LEN) -print_final_stats=1
FUZZ_DICT_filter     := tests/fuzz/dict/filter.dict
FUZZ_DICT_patch_path := tests/fuzz/dict/filter.dict
FUZZ_DICT_patch      := tests/fuzz/dict/json.dict
FUZZ_DICT_resource   := tests/fuzz/dict/json.dict
FUZZ_DICT_router     := tests/fuzz/dict/router.dict

$(FUZZ_BUILD)/obj/%.o: %.cpp
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(FUZZ_CPPFLAGS) $(FUZZ_CXXFLAGS) -c $< -o $@

define FUZZ_TARGET_RULES
$(FUZZ_BUILD)/$(1)_fuzz: $(FUZZ_BUILD)/obj/tests/fuzz/$(1)_fuzz.o $(FUZZ_SRCS_$(1):%.cpp=$(FUZZ_BUILD)/obj/%.o)
	$$(FUZZ_CXX) $$(FUZZ_CXXFLAGS) -fsanitize=fuzzer $$^ -o $$@ -ljsoncpp

$(ASAN_BUILD)/fuzz/$(1)_replay: $(ASAN_BUILD)/tests/fuzz/$(1)_fuzz.o $(ASAN_BUILD)/tests/fuzz/replay_main.o \
		$(FUZZ_SRCS_$(1):%.cpp=$(ASAN_BUILD)/%.o)
	@mkdir -p $$(@D)
	$$(CXX) $$(CXXFLAGS) $$^ -o $$@ -ljsoncpp
endef
$(foreach target,$(FUZZ_TARGETS),$(eval $(call FUZZ_TARGET_RULES,$(target))))

fuzz-build: $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%_fuzz)

# $(call fuzz_run,<target>): one bounded run on a working corpus in build/fuzz/corpus/<target>/
# (where libFuzzer adds what it finds), seeded from tests/fuzz/corpus/<target>/ and
# tests/fuzz/regressions/<target>/, which it only reads; adds <target> to $failed when it
# found something.
fuzz_run = \
	mkdir -p $(FUZZ_BUILD)/corpus/$(1) $(FUZZ_BUILD)/crashes/$(1) $(FUZZ_BUILD)/logs; \
	echo "== fuzz $(1) ($(FUZZ_SECONDS) s)"; \
	if $(FUZZ_BUILD)/$(1)_fuzz $(FUZZ_RUN_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FUZZ_BUILD)/crashes/$(1)/ $(if $(FUZZ_DICT_$(1)),-dict=$(FUZZ_DICT_$(1))) \
		$(FUZZ_BUILD)/corpus/$(1) tests/fuzz/corpus/$(1) $(wildcard tests/fuzz/regressions/$(1)) \
		>$(FUZZ_BUILD)/logs/$(1).log 2>&1; then \
		grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' $(FUZZ_BUILD)/logs/$(1).log; \
		grep -E '^\#[0-9]+[[:space:]]+DONE' $(FUZZ_BUILD)/logs/$(1).log | tail -n 1; \
	else \
		failed="$$failed $(1)"; \
		grep -E 'ERROR|SUMMARY|contract violated|terminate called|what\(\)|Test unit written' \
			$(FUZZ_BUILD)/logs/$(1).log | head -n 20; \
		echo "fuzz $(1): FOUND A PROBLEM (log: $(FUZZ_BUILD)/logs/$(1).log)"; \
	fi;

# Runs every target, then fails when any found something.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@failed=""; \
	$(foreach target,$(FUZZ_TARGETS),$(call fuzz_run,$(target))) \
	if [ -n "$$failed" ]; then echo "fuzz: findings in:$$failed (inputs in $(FUZZ_BUILD)/crashes/)"; exit 1; fi; \
	echo "fuzz: no findings"
