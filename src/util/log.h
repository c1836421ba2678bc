// One-line structured logs to stderr (journald picks them up). Callers pass only
// values that are safe to log: never a token, password or request body.
#pragma once

#include <initializer_list>
#include <string_view>
#include <utility>

namespace util::log {

using Field = std::pair<std::string_view, std::string_view>;

// Writes `ts=... level=... msg="..." key=value ...` as one line; values are quoted when needed.
void write(std::string_view level, std::string_view message, std::initializer_list<Field> fields = {});

inline void info(std::string_view message, std::initializer_list<Field> fields = {}) { write("info", message, fields); }
inline void error(std::string_view message, std::initializer_list<Field> fields = {}) { write("error", message, fields); }

}  // namespace util::log
