#include "scim/filter/lexer.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <system_error>
#include <utility>

#include "scim/json.h"
#include "util/ascii.h"

namespace scim::filter {
namespace {

bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// RFC 7644 §3.4.2.2: nameChar = "-" / "_" / DIGIT / ALPHA.
bool is_name_char(char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '_'; }

// The characters an attribute path token may hold: name characters, the "." before a
// sub-attribute, the ":" and "." of a schema URN (e.g. "...:enterprise:2.0:User:") and
// the "$" of "$ref" (RFC 7643 §2.3.7 names reference sub-attributes "$ref").
bool is_path_char(char c) { return is_name_char(c) || c == '.' || c == ':' || c == '$'; }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// ATTRNAME = ALPHA *(nameChar), or "$ref" (RFC 7643 §2.3.7), which the ABNF leaves out
// although §3.10 lets clients name it (e.g. "members[$ref eq ...]").
bool is_attribute_name(std::string_view name) {
    if (util::iequals(name, "$ref")) return true;
    if (name.empty() || !is_alpha(name[0])) return false;
    for (char c : name) {
        if (!is_name_char(c)) return false;
    }
    return true;
}

struct Keyword {
    std::string_view spelling;
    TokenKind kind;
    CompareOp op;
};

constexpr std::array<Keyword, 16> kKeywords{{
    {"eq", TokenKind::CompareOp, CompareOp::Eq},
    {"ne", TokenKind::CompareOp, CompareOp::Ne},
    {"co", TokenKind::CompareOp, CompareOp::Co},
    {"sw", TokenKind::CompareOp, CompareOp::Sw},
    {"ew", TokenKind::CompareOp, CompareOp::Ew},
    {"gt", TokenKind::CompareOp, CompareOp::Gt},
    {"ge", TokenKind::CompareOp, CompareOp::Ge},
    {"lt", TokenKind::CompareOp, CompareOp::Lt},
    {"le", TokenKind::CompareOp, CompareOp::Le},
    {"pr", TokenKind::Present, CompareOp::Eq},
    {"and", TokenKind::And, CompareOp::Eq},
    {"or", TokenKind::Or, CompareOp::Eq},
    {"not", TokenKind::Not, CompareOp::Eq},
    {"true", TokenKind::True, CompareOp::Eq},
    {"false", TokenKind::False, CompareOp::Eq},
    {"null", TokenKind::Null, CompareOp::Eq},
}};

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

class Lexer {
public:
    Lexer(std::string_view text, Grammar grammar) : text_(text), grammar_(grammar) {}

    std::vector<Token> run() {
        std::vector<Token> tokens;
        while (true) {
            while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
            if (pos_ == text_.size()) break;
            const bool after_operator = !tokens.empty() && tokens.back().kind == TokenKind::CompareOp;
            tokens.push_back(after_operator && text_[pos_] != '"' ? bare_value() : next());
        }
        Token end;
        end.kind = TokenKind::End;
        end.position = text_.size();
        tokens.push_back(std::move(end));
        return tokens;
    }

private:
    [[noreturn]] void fail(std::string_view what, std::size_t position) const { fail_at(grammar_, what, position); }

    Token next() {
        const std::size_t start = pos_;
        const char c = text_[pos_];
        switch (c) {
            case '(':
                return punctuation(TokenKind::LParen);
            case ')':
                return punctuation(TokenKind::RParen);
            case '[':
                return punctuation(TokenKind::LBracket);
            case ']':
                return punctuation(TokenKind::RBracket);
            case '"':
                return string_literal();
            case '.':
                return sub_attribute();
            default:
                break;
        }
        if (c == '-' || is_digit(c)) return number();
        if (is_alpha(c) || c == '$') return word();
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x21 && byte < 0x7F) fail(std::string("Unexpected character '") + c + "'", start);
        fail("Unexpected byte 0x" + hex(byte), start);
    }

    static std::string hex(unsigned char byte) {
        constexpr std::string_view kDigits = "0123456789ABCDEF";
        return {kDigits[byte >> 4], kDigits[byte & 0xF]};
    }

    Token make(TokenKind kind, std::size_t start) const {
        Token token;
        token.kind = kind;
        token.position = start;
        token.text = std::string(text_.substr(start, pos_ - start));
        return token;
    }

    Token punctuation(TokenKind kind) {
        ++pos_;
        return make(kind, pos_ - 1);
    }

    // A bare keyword, or an attribute path: [URI ":"] ATTRNAME ["." ATTRNAME]. A schema
    // URN holds "." and ":" itself ("...:enterprise:2.0:User:"), so the URN ends at the
    // last ":" and the first "." after it starts the sub-attribute (RFC 7644 §3.10).
    Token word() {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && is_path_char(text_[pos_])) ++pos_;
        const std::string_view run = text_.substr(start, pos_ - start);

        for (const Keyword& keyword : kKeywords) {
            if (util::iequals(run, keyword.spelling)) {
                Token token = make(keyword.kind, start);
                token.op = keyword.op;
                if (keyword.kind == TokenKind::True) token.value = true;
                if (keyword.kind == TokenKind::False) token.value = false;
                return token;
            }
        }

        Token token = make(TokenKind::AttrPath, start);
        std::size_t rest_start = start;
        const std::size_t colon = run.rfind(':');
        if (colon != std::string_view::npos) {
            token.urn = std::string(run.substr(0, colon));
            rest_start = start + colon + 1;
            if (rest_start == pos_) fail("Expected an attribute name after the schema URN", rest_start);
        }
        const std::string_view rest = text_.substr(rest_start, pos_ - rest_start);
        const std::size_t dot = rest.find('.');
        const std::string_view name = rest.substr(0, dot);
        if (!is_attribute_name(name)) fail("Invalid attribute name '" + std::string(name) + "'", rest_start);
        token.name = std::string(name);
        token.name_position = rest_start;
        if (dot != std::string_view::npos) {
            const std::string_view sub = rest.substr(dot + 1);
            token.sub_position = rest_start + dot + 1;
            if (!is_attribute_name(sub)) {
                fail("Invalid sub-attribute name '" + std::string(sub) + "'", token.sub_position);
            }
            token.sub_attribute = std::string(sub);
        }
        return token;
    }

    static bool ends_bare_value(char c) { return is_space(c) || c == ')' || c == ']'; }

    // RFC 8259 §6 as a whole-text test: [ minus ] int [ frac ] [ exp ].
    static bool is_json_number(std::string_view t) {
        std::size_t i = 0;
        auto digits = [&] {
            const std::size_t first = i;
            while (i < t.size() && is_digit(t[i])) ++i;
            return i > first;
        };
        if (i < t.size() && t[i] == '-') ++i;
        if (i < t.size() && t[i] == '0') {
            ++i;
        } else if (!digits()) {
            return false;
        }
        if (i < t.size() && t[i] == '.') {
            ++i;
            if (!digits()) return false;
        }
        if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
            ++i;
            if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
            if (!digits()) return false;
        }
        return i == t.size();
    }

    // The value after an operator when it is not a JSON string (see tokenize()).
    Token bare_value() {
        const std::size_t start = pos_;
        std::size_t end = pos_;
        while (end < text_.size() && !ends_bare_value(text_[end])) ++end;
        const std::string_view run = text_.substr(start, end - start);
        if (run.empty()) return next();  // ")" or "]": the parser reports the missing value
        for (std::string_view keyword : {"true", "false", "null"}) {
            if (util::iequals(run, keyword)) return next();
        }
        if (is_json_number(run)) return number();
        for (std::size_t i = start; i < end; ++i) {
            const char c = text_[i];
            if (c == '"' || c == '\'' || c == '(' || c == '[') {
                fail(std::string("Unexpected character '") + c + "' in an unquoted value; quote the value", i);
            }
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) fail("Unexpected byte 0x" + hex(static_cast<unsigned char>(c)), i);
        }
        const std::string value(run);
        if (!json::is_valid_utf8(value)) fail("Value is not valid UTF-8", start);
        pos_ = end;
        Token token = make(TokenKind::String, start);
        token.value = Json::Value(value);
        token.bare = true;
        return token;
    }

    // "." ATTRNAME after "]" (RFC 7644 §3.5.2: PATH = attrPath / valuePath [subAttr]).
    Token sub_attribute() {
        const std::size_t start = pos_++;
        while (pos_ < text_.size() && (is_name_char(text_[pos_]) || text_[pos_] == '$')) ++pos_;
        const std::string_view name = text_.substr(start + 1, pos_ - start - 1);
        if (!is_attribute_name(name)) fail("Expected a sub-attribute name after '.'", start + 1);
        Token token = make(TokenKind::SubAttr, start);
        token.name = std::string(name);
        token.name_position = start + 1;
        return token;
    }

    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ].
    Token number() {
        const std::size_t start = pos_;
        if (text_[pos_] == '-') ++pos_;
        auto digits = [&] {
            const std::size_t first = pos_;
            while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
            return pos_ > first;
        };
        if (pos_ < text_.size() && text_[pos_] == '0') {
            ++pos_;
        } else if (!digits()) {
            fail("Invalid number", start);
        }
        bool integral = true;
        if (pos_ < text_.size() && text_[pos_] == '.') {
            ++pos_;
            if (!digits()) fail("Invalid number", start);
            integral = false;
        }
        if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
            ++pos_;
            if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
            if (!digits()) fail("Invalid number", start);
            integral = false;
        }
        // "12abc" or "1.2.3" is one malformed word, not a number and a name.
        if (pos_ < text_.size() && is_path_char(text_[pos_])) fail("Invalid number", start);

        Token token = make(TokenKind::Number, start);
        const char* first = text_.data() + start;
        const char* last = text_.data() + pos_;
        if (integral) {
            std::int64_t whole = 0;
            auto [ptr, ec] = std::from_chars(first, last, whole);
            if (ec == std::errc() && ptr == last) {
                token.value = Json::Value(static_cast<Json::Int64>(whole));
                return token;
            }
        }
        double real = 0;
        auto [ptr, ec] = std::from_chars(first, last, real);
        if (ec != std::errc() || ptr != last) fail("Number out of range", start);
        token.value = Json::Value(real);
        return token;
    }

    unsigned hex4(std::size_t at, std::size_t escape_start) const {
        if (at + 4 > text_.size()) fail("Invalid \\u escape", escape_start);
        unsigned value = 0;
        for (std::size_t i = at; i < at + 4; ++i) {
            const char c = text_[i];
            unsigned digit;
            if (is_digit(c)) {
                digit = static_cast<unsigned>(c - '0');
            } else if (c >= 'a' && c <= 'f') {
                digit = static_cast<unsigned>(c - 'a' + 10);
            } else if (c >= 'A' && c <= 'F') {
                digit = static_cast<unsigned>(c - 'A' + 10);
            } else {
                fail("Invalid \\u escape", escape_start);
            }
            value = value * 16 + digit;
        }
        return value;
    }

    // RFC 8259 §7: every escape, \uXXXX with UTF-16 surrogate pairs; no raw control characters.
    Token string_literal() {
        const std::size_t start = pos_++;
        std::string out;
        while (true) {
            if (pos_ >= text_.size()) fail("Unterminated string", start);
            const char c = text_[pos_];
            if (c == '"') break;
            if (static_cast<unsigned char>(c) < 0x20) fail("Unescaped control character in string", pos_);
            if (c != '\\') {
                out += c;
                ++pos_;
                continue;
            }
            const std::size_t escape = pos_;
            if (pos_ + 1 >= text_.size()) fail("Unterminated string", start);
            const char e = text_[pos_ + 1];
            pos_ += 2;
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    std::uint32_t cp = hex4(pos_, escape);
                    pos_ += 4;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("Unpaired surrogate in \\u escape", escape);
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (pos_ + 1 >= text_.size() || text_[pos_] != '\\' || text_[pos_ + 1] != 'u') {
                            fail("Unpaired surrogate in \\u escape", escape);
                        }
                        const std::uint32_t low = hex4(pos_ + 2, pos_);
                        if (low < 0xDC00 || low > 0xDFFF) fail("Unpaired surrogate in \\u escape", escape);
                        pos_ += 6;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    // A NUL cannot be stored (PostgreSQL text refuses it), so no value could match.
                    if (cp == 0) fail("\\u0000 is not allowed in a string", escape);
                    append_utf8(out, cp);
                    break;
                }
                default:
                    fail("Invalid escape in string", escape);
            }
        }
        ++pos_;  // the closing quote
        if (!json::is_valid_utf8(out)) fail("String is not valid UTF-8", start);
        Token token = make(TokenKind::String, start);
        token.value = Json::Value(out);
        return token;
    }

    std::string_view text_;
    Grammar grammar_;
    std::size_t pos_ = 0;
};

}  // namespace

std::string_view describe(TokenKind kind) {
    switch (kind) {
        case TokenKind::AttrPath:
            return "an attribute path";
        case TokenKind::SubAttr:
            return "a sub-attribute";
        case TokenKind::CompareOp:
            return "an operator";
        case TokenKind::Present:
            return "'pr'";
        case TokenKind::And:
            return "'and'";
        case TokenKind::Or:
            return "'or'";
        case TokenKind::Not:
            return "'not'";
        case TokenKind::LParen:
            return "'('";
        case TokenKind::RParen:
            return "')'";
        case TokenKind::LBracket:
            return "'['";
        case TokenKind::RBracket:
            return "']'";
        case TokenKind::String:
            return "a string";
        case TokenKind::Number:
            return "a number";
        case TokenKind::True:
            return "'true'";
        case TokenKind::False:
            return "'false'";
        case TokenKind::Null:
            return "'null'";
        case TokenKind::End:
            return "the end";
    }
    return "a token";  // unreachable: every enumerator is handled above (-Wswitch checks it)
}

std::vector<Token> tokenize(std::string_view text, Grammar grammar) { return Lexer(text, grammar).run(); }

}  // namespace scim::filter
