#include "util/log.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace util::log {
namespace {

void append_value(std::string& line, std::string_view value) {
    bool plain = !value.empty();
    for (char c : value) {
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || static_cast<unsigned char>(c) >= 0x7F) plain = false;
    }
    if (plain) {
        line.append(value);
        return;
    }
    line.push_back('"');
    for (char c : value) {
        if (c == '"' || c == '\\') {
            line.push_back('\\');
            line.push_back(c);
        } else if (static_cast<unsigned char>(c) < 0x20) {
            line.append("\\x");
            static constexpr char kHex[] = "0123456789abcdef";
            line.push_back(kHex[(c >> 4) & 0xF]);
            line.push_back(kHex[c & 0xF]);
        } else {
            line.push_back(c);
        }
    }
    line.push_back('"');
}

}  // namespace

void write(std::string_view level, std::string_view message, std::initializer_list<Field> fields) {
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[96];
    std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
    std::string line = "ts=";
    line.append(stamp);
    line.append(" pid=").append(std::to_string(getpid()));
    line.append(" level=").append(level);
    line.append(" msg=");
    append_value(line, message);
    for (const auto& [key, value] : fields) {
        line.push_back(' ');
        line.append(key);
        line.push_back('=');
        append_value(line, value);
    }
    line.push_back('\n');
    // One write(2) per line so lines from several workers never interleave.
    ssize_t ignored = ::write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
}

}  // namespace util::log
