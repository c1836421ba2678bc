#include "http/entity_tags.h"

#include <string>

namespace http {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

bool entity_tags_match(std::string_view header, std::string_view opaque) {
    if (trim(header) == "*") return true;
    while (!header.empty()) {
        // RFC 9110 §8.8.3: etagc admits ",", so a list splits only outside quotes.
        std::size_t end = 0;
        bool quoted = false;
        while (end < header.size() && (quoted || header[end] != ',')) {
            if (header[end] == '"') quoted = !quoted;
            ++end;
        }
        std::string_view tag = trim(header.substr(0, end));
        header.remove_prefix(end < header.size() ? end + 1 : end);
        if (tag.size() >= 2 && tag.substr(0, 2) == "W/") tag.remove_prefix(2);
        if (tag.empty()) continue;
        if (tag == opaque) return true;
        if (tag.front() != '"' && opaque.size() >= 2 && tag == opaque.substr(1, opaque.size() - 2)) return true;
    }
    return false;
}

}  // namespace http
