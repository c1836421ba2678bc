#include "http/uri.h"

namespace http {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space, bool allow_nul) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            char decoded = static_cast<char>(hi * 16 + lo);
            if (decoded == '\0' && !allow_nul) return std::nullopt;
            out.push_back(decoded);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else if (c == '\0') {
            return std::nullopt;
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<std::vector<std::string>> split_path(std::string_view path) {
    std::vector<std::string> segments;
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::size_t start = 1;
    while (true) {
        std::size_t end = path.find('/', start);
        std::string_view raw = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        auto decoded = percent_decode(raw, false);
        if (!decoded) return std::nullopt;
        segments.push_back(std::move(*decoded));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return segments;
}

std::optional<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> params;
    std::size_t start = 0;
    while (start <= query.size()) {
        std::size_t end = query.find('&', start);
        if (end == std::string_view::npos) end = query.size();
        std::string_view pair = query.substr(start, end - start);
        if (!pair.empty()) {
            std::size_t eq = pair.find('=');
            auto key = percent_decode(pair.substr(0, eq), true);
            auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true, true);
            if (!key || !value) return std::nullopt;
            params.emplace_back(std::move(*key), std::move(*value));
        }
        start = end + 1;
    }
    return params;
}

}  // namespace http
