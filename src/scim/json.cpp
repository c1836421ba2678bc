#include "scim/json.h"

#include <memory>
#include <string>

#include <json/reader.h>

#include "scim/error.h"
#include "util/ascii.h"

namespace scim::json {
namespace {

// Nesting depth outside string literals; stops counting once over the limit.
bool nesting_within_limit(std::string_view body) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return false;
        } else if (c == '}' || c == ']') --depth;
    }
    return true;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned int cp;
        if ((c & 0xE0) == 0xC0) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + len > n) return false;
        for (std::size_t k = 1; k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

Json::Value parse_body(std::string_view body) {
    if (body.empty()) throw ScimError::invalid_syntax("Request body is empty");
    if (!is_valid_utf8(body)) throw ScimError::invalid_syntax("Request body is not valid UTF-8");
    if (!nesting_within_limit(body)) {
        throw ScimError::invalid_syntax("Request body nests deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    static const Json::CharReaderBuilder builder = [] {
        Json::CharReaderBuilder b;
        Json::CharReaderBuilder::strictMode(&b.settings_);
        b["stackLimit"] = kMaxDepth + 8;
        return b;
    }();
    std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
    Json::Value root;
    std::string errors;
    bool ok = false;
    try {
        ok = reader->parse(body.data(), body.data() + body.size(), &root, &errors);
    } catch (const std::exception& e) {
        errors = e.what();
    }
    if (!ok) {
        // jsoncpp's messages name the line and column; keep only the first line.
        auto newline = errors.find('\n', errors.find('\n') + 1);
        std::string first = errors.substr(0, newline);
        for (char& c : first) {
            if (c == '\n') c = ' ';
        }
        throw ScimError::invalid_syntax("Malformed JSON: " + first);
    }
    return root;
}

const Json::Value* find_member(const Json::Value& object, std::string_view name) {
    if (!object.isObject()) return nullptr;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (util::iequals(it.name(), name)) return &*it;
    }
    return nullptr;
}

}  // namespace scim::json
