# SCIM 2.0 provisioning service. `make run` and `make check` are the two commands;
# both install what is missing first (see scripts/deps.sh).
CXX      := g++
CXXFLAGS ?= -std=c++20 -O2 -g -Wall -Wextra -Werror
CPPFLAGS += -Isrc -I/usr/include/jsoncpp -I/usr/include/postgresql -DBOOST_TEST_DYN_LINK -MMD -MP
LDLIBS   := -lfcgi -ljsoncpp -lsoci_core -lsoci_postgresql -lpq -lcrypto -largon2 -lsystemd -luuid
BUILD    := build
MAKEFLAGS += --no-builtin-rules

CORE_SRCS  := $(shell find src -name '*.cpp' ! -name main.cpp ! -path 'src/tools/*' | sort)
CORE_OBJS  := $(CORE_SRCS:%.cpp=$(BUILD)/%.o)
UNIT_SRCS  := $(shell find tests/unit -name '*.cpp' | sort)
UNIT_OBJS  := $(UNIT_SRCS:%.cpp=$(BUILD)/%.o)
INTEG_SRCS := $(shell find tests/integration -name '*.cpp' | sort)
INTEG_OBJS := $(INTEG_SRCS:%.cpp=$(BUILD)/%.o)

BINARIES := $(BUILD)/scim-server $(BUILD)/scimctl

.PHONY: all deps run check bench clean
all: $(BINARIES)

deps:
	@bash scripts/deps.sh

run: deps
	@$(MAKE) --no-print-directory -j2 all
	@bash scripts/stack.sh run

check: deps
	@$(MAKE) --no-print-directory -j2 all $(BUILD)/unit_tests $(BUILD)/integration_tests
	@bash scripts/check.sh

bench: deps
	@$(MAKE) --no-print-directory -j2 all
	@bash bench/run.sh

$(BUILD)/%.o: %.cpp
	@mkdir -p $(@D)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(BUILD)/libscim.a: $(CORE_OBJS)
	@mkdir -p $(@D)
	ar rcs $@ $^

$(BUILD)/scim-server: $(BUILD)/src/main.o $(BUILD)/libscim.a
	$(CXX) $(CXXFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/scimctl: $(BUILD)/src/tools/scimctl.o $(BUILD)/libscim.a
	$(CXX) $(CXXFLAGS) $^ -o $@ $(LDLIBS)

$(BUILD)/unit_tests: $(UNIT_OBJS) $(BUILD)/libscim.a
	$(CXX) $(CXXFLAGS) $^ -o $@ $(LDLIBS) -lboost_unit_test_framework

$(BUILD)/integration_tests: $(INTEG_OBJS) $(BUILD)/libscim.a
	$(CXX) $(CXXFLAGS) $^ -o $@ $(LDLIBS) -lcurl -lboost_unit_test_framework

clean:
	rm -rf $(BUILD)

# Further targets (sanitizers and fuzzing, installation and packaging) live in mk/.
include $(wildcard mk/*.mk)

-include $(shell find $(BUILD) -name '*.d' -type f 2>/dev/null)
