#include "scim/json.h"

#include <memory>
#include <set>
#include <string>

#include <json/reader.h>

#include "scim/error.h"
#include "util/ascii.h"

namespace scim::json {
namespace {

int hex4(std::string_view text, std::size_t at) {
    if (at + 4 > text.size()) return -1;
    int value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
        char c = text[i];
        int digit = (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (digit < 0) return -1;
        value = value * 16 + digit;
    }
    return value;
}

// One pass over the raw text before jsoncpp sees it, for what jsoncpp would accept or
// silently alter: nesting deeper than kMaxDepth (refused before any recursion), raw NUL
// bytes, and \u escapes that are not well-formed UTF-16 (jsoncpp pairs a high surrogate
// with whatever escape follows). An escaped NUL is valid JSON: the consumer of the string
// refuses it (resource_codec: invalidValue; filter lexer: invalidFilter).
void prescan(std::string_view body) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\0') throw ScimError::invalid_syntax("Request body contains a NUL byte at offset " + std::to_string(i));
        if (in_string) {
            if (c == '"') {
                in_string = false;
            } else if (c == '\\' && i + 1 < body.size()) {
                if (body[i + 1] == 'u') {
                    int unit = hex4(body, i + 2);
                    if (unit >= 0xDC00 && unit <= 0xDFFF) {
                        throw ScimError::invalid_syntax("Request body contains an unpaired UTF-16 surrogate");
                    }
                    if (unit >= 0xD800 && unit <= 0xDBFF) {
                        int low = (i + 7 < body.size() && body[i + 6] == '\\' && body[i + 7] == 'u') ? hex4(body, i + 8) : -1;
                        if (low < 0xDC00 || low > 0xDFFF) {
                            throw ScimError::invalid_syntax("Request body contains an unpaired UTF-16 surrogate");
                        }
                        i += 6;
                    }
                    i += 5;
                } else {
                    ++i;
                }
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) {
                throw ScimError::invalid_syntax("Request body nests deeper than " + std::to_string(kMaxDepth) + " levels");
            }
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
}

// Attribute names are case-insensitive (RFC 7643 §2.1): "userName" and "USERNAME" in one
// object are the same attribute twice, which strict parsing refuses like an exact duplicate.
void refuse_case_duplicates(const Json::Value& value) {
    if (value.isArray()) {
        for (const auto& element : value) refuse_case_duplicates(element);
        return;
    }
    if (!value.isObject()) return;
    std::set<std::string> seen;
    for (auto it = value.begin(); it != value.end(); ++it) {
        std::string lowered = it.name();
        for (char& ch : lowered) ch = util::ascii_lower(ch);
        if (!seen.insert(lowered).second) {
            throw ScimError::invalid_syntax("Attribute '" + it.name() + "' appears more than once");
        }
        refuse_case_duplicates(*it);
    }
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
    prescan(body);
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
    refuse_case_duplicates(root);
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
