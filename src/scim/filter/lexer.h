// The tokens of the SCIM filter grammar (RFC 7644 §3.4.2.2, Figure 1) and of PATCH paths
// (RFC 7644 §3.5.2), each with the 0-based byte offset where it starts in the text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <json/value.h>

#include "scim/filter/ast.h"
#include "scim/filter/syntax_error.h"

namespace scim::filter {

enum class TokenKind {
    AttrPath,   // [URI ":"] ATTRNAME *1subAttr, e.g. "name.familyName", "urn:...:User:userName"
    SubAttr,    // "." ATTRNAME standing alone: only after a value path's "]" in a PATCH path
    CompareOp,  // eq ne co sw ew gt ge lt le
    Present,    // pr
    And,
    Or,
    Not,
    LParen,
    RParen,
    LBracket,
    RBracket,
    String,  // JSON string (RFC 8259 §7), decoded
    Number,  // JSON number (RFC 8259 §6)
    True,
    False,
    Null,
    End,  // after the last token; its position is the text's length
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::size_t position = 0;  // 0-based byte offset of the token's first character
    std::string text;          // the token as written

    // AttrPath: the parts as written (not yet resolved against a schema). `urn` is empty
    // without a URN prefix; `sub_attribute` is empty without ".name". SubAttr: `name` only.
    std::string urn;
    std::string name;
    std::string sub_attribute;
    std::size_t name_position = 0;
    std::size_t sub_position = 0;

    CompareOp op = CompareOp::Eq;  // CompareOp only

    // String, Number, True, False, Null: the literal. Strings are UTF-8 with escapes
    // decoded; integral numbers within int64 are Json::intValue, all others Json::realValue.
    Json::Value value;

    // String: written without quotes after an operator (`externalId eq jyoung`), so its type
    // is the compared attribute's (the parser decides). Numbers are always written bare.
    bool bare = false;
};

// The readable name of a kind, for messages ("an attribute path", "')'").
std::string_view describe(TokenKind kind);

// Splits `text` into tokens, ending with one End token. Whitespace (space, tab, CR, LF)
// separates tokens and is otherwise ignored; it is required only between two words.
// Keywords (operators, and/or/not, true/false/null) are case-insensitive (RFC 7644
// §3.4.2.2: "Attribute names and attribute operators used in filters are case
// insensitive") and reserved: a bare word spelling one is never an attribute name.
// A comparison value may also be written without quotes, as Microsoft Entra ID and its test
// tools send it (`externalId eq jyoung`, `meta.created gt 2015-10-10T14:38:21.86-07:00`): after
// an operator, a run of characters up to whitespace, ")" or "]" that is not a JSON string
// is true/false/null (any case), a JSON number, or else a bare String token (`bare` set).
// Throws ScimError (invalidFilter or invalidPath, per `grammar`) naming the position of
// the first malformed token.
std::vector<Token> tokenize(std::string_view text, Grammar grammar);

}  // namespace scim::filter
