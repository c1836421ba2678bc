// The filter lexer against RFC 7644 §3.4.2.2 (Figure 1 ABNF: attribute paths, operators,
// grouping) and RFC 8259 (string and number literals), with each token's position.
#include "scim/filter/lexer.h"

#include <boost/test/unit_test.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "scim/error.h"

namespace scim::filter {
std::ostream& boost_test_print_type(std::ostream& out, const TokenKind& kind) { return out << describe(kind); }
std::ostream& boost_test_print_type(std::ostream& out, const CompareOp& op) {
    return out << static_cast<int>(op);
}
}  // namespace scim::filter

namespace {

using scim::ScimError;
using scim::filter::CompareOp;
using scim::filter::Grammar;
using scim::filter::Token;
using scim::filter::TokenKind;
using scim::filter::tokenize;

std::vector<Token> lex(const std::string& text) { return tokenize(text, Grammar::Filter); }

std::vector<TokenKind> kinds(const std::vector<Token>& tokens) {
    std::vector<TokenKind> out;
    for (const Token& token : tokens) out.push_back(token.kind);
    return out;
}

std::vector<std::size_t> positions(const std::vector<Token>& tokens) {
    std::vector<std::size_t> out;
    for (const Token& token : tokens) out.push_back(token.position);
    return out;
}

// The literal a one-token text lexes to.
Json::Value literal(const std::string& text) {
    auto tokens = lex(text);
    BOOST_TEST_REQUIRE(tokens.size() == 2u, text);
    return tokens[0].value;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(lexer_test)

BOOST_AUTO_TEST_CASE(rfc7644_first_example_with_positions) {
    auto tokens = lex(R"(userName eq "bjensen")");
    BOOST_TEST(kinds(tokens) == (std::vector{TokenKind::AttrPath, TokenKind::CompareOp, TokenKind::String, TokenKind::End}),
               boost::test_tools::per_element());
    BOOST_TEST(positions(tokens) == (std::vector<std::size_t>{0, 9, 12, 21}), boost::test_tools::per_element());
    BOOST_TEST(tokens[0].name == "userName");
    BOOST_TEST(tokens[0].urn.empty());
    BOOST_TEST(tokens[0].sub_attribute.empty());
    BOOST_TEST(tokens[1].op == CompareOp::Eq);
    BOOST_TEST(tokens[2].value.asString() == "bjensen");
    BOOST_TEST(tokens[2].text == "\"bjensen\"");
}

BOOST_AUTO_TEST_CASE(attribute_paths_split_into_urn_name_and_sub_attribute) {
    struct Case {
        std::string text, urn, name, sub;
        std::size_t name_position, sub_position;
    };
    const std::vector<Case> cases = {
        {"name.familyName", "", "name", "familyName", 0, 5},
        {"urn:ietf:params:scim:schemas:core:2.0:User:userName", "urn:ietf:params:scim:schemas:core:2.0:User",
         "userName", "", 43, 0},
        {"urn:ietf:params:scim:schemas:core:2.0:User:name.familyName", "urn:ietf:params:scim:schemas:core:2.0:User",
         "name", "familyName", 43, 48},
        // The URN holds "." itself ("2.0"); it ends at the last ":" before the name.
        {"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "value", 59, 67},
        {"groups.$ref", "", "groups", "$ref", 0, 7},
        {"$ref", "", "$ref", "", 0, 0},
        {"x509Certificates.value", "", "x509Certificates", "value", 0, 17},
        {"a-b_c9", "", "a-b_c9", "", 0, 0},
    };
    for (const Case& c : cases) {
        auto tokens = lex(c.text);
        BOOST_TEST_REQUIRE(tokens.size() == 2u, c.text);
        BOOST_TEST(tokens[0].kind == TokenKind::AttrPath, c.text);
        BOOST_TEST(tokens[0].urn == c.urn, c.text);
        BOOST_TEST(tokens[0].name == c.name, c.text);
        BOOST_TEST(tokens[0].sub_attribute == c.sub, c.text);
        BOOST_TEST(tokens[0].name_position == c.name_position, c.text);
        if (!c.sub.empty()) BOOST_TEST(tokens[0].sub_position == c.sub_position, c.text);
    }
}

BOOST_AUTO_TEST_CASE(operators_and_keywords_are_case_insensitive) {
    // RFC 7644 §3.4.2.2: "Attribute names and attribute operators used in filters are case insensitive."
    struct Case {
        std::string text;
        TokenKind kind;
        CompareOp op;
    };
    const std::vector<Case> cases = {
        {"eq", TokenKind::CompareOp, CompareOp::Eq}, {"EQ", TokenKind::CompareOp, CompareOp::Eq},
        {"Eq", TokenKind::CompareOp, CompareOp::Eq}, {"ne", TokenKind::CompareOp, CompareOp::Ne},
        {"co", TokenKind::CompareOp, CompareOp::Co}, {"SW", TokenKind::CompareOp, CompareOp::Sw},
        {"ew", TokenKind::CompareOp, CompareOp::Ew}, {"gt", TokenKind::CompareOp, CompareOp::Gt},
        {"gE", TokenKind::CompareOp, CompareOp::Ge}, {"lt", TokenKind::CompareOp, CompareOp::Lt},
        {"le", TokenKind::CompareOp, CompareOp::Le}, {"pr", TokenKind::Present, CompareOp::Eq},
        {"PR", TokenKind::Present, CompareOp::Eq},   {"and", TokenKind::And, CompareOp::Eq},
        {"AND", TokenKind::And, CompareOp::Eq},      {"or", TokenKind::Or, CompareOp::Eq},
        {"Or", TokenKind::Or, CompareOp::Eq},        {"not", TokenKind::Not, CompareOp::Eq},
        {"NOT", TokenKind::Not, CompareOp::Eq},      {"true", TokenKind::True, CompareOp::Eq},
        {"TRUE", TokenKind::True, CompareOp::Eq},    {"false", TokenKind::False, CompareOp::Eq},
        {"False", TokenKind::False, CompareOp::Eq},  {"null", TokenKind::Null, CompareOp::Eq},
        {"NULL", TokenKind::Null, CompareOp::Eq},
    };
    for (const Case& c : cases) {
        auto tokens = lex(c.text);
        BOOST_TEST_REQUIRE(tokens.size() == 2u, c.text);
        BOOST_TEST(tokens[0].kind == c.kind, c.text);
        if (c.kind == TokenKind::CompareOp) BOOST_TEST(tokens[0].op == c.op, c.text);
    }
    BOOST_TEST(literal("TRUE").asBool() == true);
    BOOST_TEST(literal("false").asBool() == false);
    BOOST_TEST(literal("null").isNull());
    // A keyword with a sub-attribute or URN is a path, not a keyword.
    BOOST_TEST(lex("name.eq")[0].kind == TokenKind::AttrPath);
    BOOST_TEST(lex("equal")[0].kind == TokenKind::AttrPath);
}

BOOST_AUTO_TEST_CASE(grouping_value_paths_and_sub_attribute_after_bracket) {
    // RFC 7644 §3.5.2: valuePath [subAttr], e.g. emails[type eq "work"].value
    auto tokens = lex(R"(not (emails[type eq "work"].value))");
    BOOST_TEST(kinds(tokens) == (std::vector{TokenKind::Not, TokenKind::LParen, TokenKind::AttrPath, TokenKind::LBracket,
                                             TokenKind::AttrPath, TokenKind::CompareOp, TokenKind::String,
                                             TokenKind::RBracket, TokenKind::SubAttr, TokenKind::RParen, TokenKind::End}),
               boost::test_tools::per_element());
    BOOST_TEST(positions(tokens) == (std::vector<std::size_t>{0, 4, 5, 11, 12, 17, 20, 26, 27, 33, 34}),
               boost::test_tools::per_element());
    BOOST_TEST(tokens[8].name == "value");
    BOOST_TEST(tokens[8].name_position == 28u);
}

BOOST_AUTO_TEST_CASE(whitespace_separates_tokens_and_is_needed_only_between_words) {
    auto tokens = lex(" \t(userName eq\"a\")\r\nor\n(title pr)  ");
    BOOST_TEST(kinds(tokens) == (std::vector{TokenKind::LParen, TokenKind::AttrPath, TokenKind::CompareOp, TokenKind::String,
                                             TokenKind::RParen, TokenKind::Or, TokenKind::LParen, TokenKind::AttrPath,
                                             TokenKind::Present, TokenKind::RParen, TokenKind::End}),
               boost::test_tools::per_element());
    BOOST_TEST(positions(tokens) == (std::vector<std::size_t>{2, 3, 12, 14, 17, 20, 23, 24, 30, 32, 35}),
               boost::test_tools::per_element());
    BOOST_TEST(lex("").size() == 1u);
    BOOST_TEST(lex("   ")[0].position == 3u);
}

BOOST_AUTO_TEST_CASE(json_string_escapes_decode_to_utf8) {
    // RFC 8259 §7: the two-character escapes and \uXXXX, with surrogate pairs.
    struct Case {
        std::string text, decoded;
    };
    const std::vector<Case> cases = {
        {R"("")", ""},
        {R"("O'Malley")", "O'Malley"},
        {R"("a\"b\\c\/d")", "a\"b\\c/d"},
        {R"("\b\f\n\r\t")", "\b\f\n\r\t"},
        {R"("\u0041\u00e9\u00E9")", "A\xC3\xA9\xC3\xA9"},
        {R"("\u20AC")", "\xE2\x82\xAC"},
        {R"("\ud83d\ude00")", "\xF0\x9F\x98\x80"},
        {"\"caf\xC3\xA9\"", "caf\xC3\xA9"},  // raw UTF-8 passes through
        {R"("a b  c")", "a b  c"},
    };
    for (const Case& c : cases) {
        Json::Value value = literal(c.text);
        BOOST_TEST(value.isString(), c.text);
        BOOST_TEST(value.asString() == c.decoded, c.text);
    }
}

BOOST_AUTO_TEST_CASE(json_numbers_keep_integers_integral) {
    // RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ].
    BOOST_TEST(literal("0").type() == Json::intValue);
    BOOST_TEST(literal("42").asInt64() == 42);
    BOOST_TEST(literal("-7").asInt64() == -7);
    BOOST_TEST(literal("9223372036854775807").asInt64() == 9223372036854775807LL);
    BOOST_TEST(literal("9223372036854775808").type() == Json::realValue);
    BOOST_TEST(literal("1.5").type() == Json::realValue);
    BOOST_TEST(literal("1.5").asDouble() == 1.5);
    BOOST_TEST(literal("-0.25e-2").asDouble() == -0.0025);
    BOOST_TEST(literal("1E3").asDouble() == 1000.0);
    BOOST_TEST(literal("1e+2").type() == Json::realValue);
}

// After an operator, what is not a JSON string, number or keyword is one bare value up to
// whitespace, ")" or "]" (Entra ID sends `externalId eq jyoung`); the parser types it.
BOOST_AUTO_TEST_CASE(unquoted_values_after_an_operator_are_bare_strings) {
    for (const std::string value : {"01", "1.", "1e", "-", "12abc", ".5", "jyoung", "x@acme.com",
                                    "2015-10-10T14:38:21.8617979-07:00", "caf\xC3\xA9"}) {
        const auto tokens = lex("userName eq " + value + ")");
        BOOST_TEST_REQUIRE(tokens.size() == 5u, value);
        BOOST_TEST((tokens[2].kind == TokenKind::String), value);
        BOOST_TEST(tokens[2].bare, value);
        BOOST_TEST(tokens[2].value.asString() == value);
        BOOST_TEST(tokens[2].position == 12u);
        BOOST_TEST((tokens[3].kind == TokenKind::RParen), value);
    }
    const auto number = lex("count gt -1.5e3");
    BOOST_TEST((number[2].kind == TokenKind::Number));
    BOOST_TEST(number[2].value.asDouble() == -1500.0);
    const auto keyword = lex("active eq TRUE");
    BOOST_TEST((keyword[2].kind == TokenKind::True));
    const auto quoted = lex(R"(userName eq "x")");
    BOOST_TEST(!quoted[2].bare);
    // The bare run stops at "]" too, and outside a value nothing changes.
    const auto in_path = lex("emails[value eq x].display pr");
    BOOST_TEST((in_path[4].kind == TokenKind::String));
    BOOST_TEST((in_path[5].kind == TokenKind::RBracket));
    BOOST_TEST((in_path[6].kind == TokenKind::SubAttr));
    for (const std::string bad : {"userName eq 'x'", "userName eq a\"b", "userName eq a(b", "userName eq a[b"}) {
        BOOST_CHECK_THROW(lex(bad), ScimError);
    }
}

BOOST_AUTO_TEST_CASE(malformed_tokens_are_invalid_filter_naming_their_position) {
    struct Case {
        std::string text;
        std::size_t position;
    };
    const std::vector<Case> cases = {
        {R"(userName eq "abc)", 12},             // unterminated string
        {R"(userName eq "abc\")", 12},           // the quote is escaped
        {R"(userName eq "a\x")", 14},            // unknown escape
        {R"(userName eq "a\)", 12},              // backslash at the end
        {R"(userName eq "\u12")", 13},           // short \u
        {R"(userName eq "\u12g4")", 13},         // not hex
        {R"(userName eq "\ud800")", 13},         // lone high surrogate
        {R"(userName eq "\ud800\u0041")", 13},   // high surrogate without its low half
        {R"(userName eq "\udc00")", 13},         // lone low surrogate
        {R"(userName eq "\u0000")", 13},         // NUL cannot be stored
        {"userName eq \"a\x01\"", 14},           // raw control character
        {"userName eq \"\xFF\"", 12},            // not UTF-8
        {"userName eq \"\xED\xA0\x80\"", 12},    // a surrogate encoded in UTF-8
        {"userName eq 1e999", 12},
        {"userName = \"x\"", 9},
        {"user\xC3\xA9 eq \"x\"", 4},
        {"name. eq \"x\"", 5},
        {"name.given.x eq \"x\"", 5},
        {"name..x eq \"x\"", 5},
        {"urn:ietf:params:scim:schemas:core:2.0:User: eq \"x\"", 43},
        {"urn:ietf:params:scim:schemas:core:2.0:User:9lives eq \"x\"", 43},
        {"emails[type eq \"work\"]. eq \"x\"", 23},
    };
    for (const Case& c : cases) {
        try {
            lex(c.text);
            BOOST_ERROR("no error for: " << c.text);
        } catch (const ScimError& e) {
            BOOST_TEST(e.scim_type() == "invalidFilter", c.text);
            BOOST_TEST(e.status() == 400, c.text);
            BOOST_TEST(e.detail().find("at position " + std::to_string(c.position) + " ") != std::string::npos,
                       c.text << " -> " << e.detail());
        }
    }
}

BOOST_AUTO_TEST_CASE(patch_path_grammar_reports_invalid_path) {
    try {
        tokenize(R"(emails[value eq "abc)", Grammar::PatchPath);
        BOOST_ERROR("no error");
    } catch (const ScimError& e) {
        BOOST_TEST(e.scim_type() == "invalidPath");
        BOOST_TEST(e.detail() == "Unterminated string at position 16 in path");
    }
}

BOOST_AUTO_TEST_SUITE_END()
