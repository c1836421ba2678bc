#include "scim/filter/patch_path.h"

#include <string>
#include <vector>

#include "scim/error.h"
#include "scim/filter/lexer.h"
#include "scim/filter/parser.h"
#include "scim/filter/syntax_error.h"

namespace scim::filter {

PatchPath parse_patch_path(std::string_view text, const schema::Registry& registry, const schema::ResourceType& type) {
    if (text.size() > kMaxFilterLength) {
        fail_at(Grammar::PatchPath, "Path is longer than " + std::to_string(kMaxFilterLength) + " characters",
                kMaxFilterLength);
    }
    const std::vector<Token> tokens = tokenize(text, Grammar::PatchPath);
    if (tokens.front().kind == TokenKind::End) throw ScimError::invalid_path("Path is empty");
    Parser parser(tokens, registry, type, Grammar::PatchPath);

    const Token& first = parser.advance();
    if (first.kind != TokenKind::AttrPath) {
        parser.fail("Expected an attribute path but found '" + first.text + "'", first.position);
    }
    PatchPath result;
    result.path = parser.resolve(first);

    if (parser.peek().kind == TokenKind::LBracket) {
        const Token& open = parser.peek();
        if (!result.path.sub_attribute.empty()) {
            parser.fail("A value filter follows an attribute, not a sub-attribute", open.position);
        }
        // RFC 7644 §3.5.2: valuePath selects "values of a multi-valued attribute".
        const schema::Attribute& attribute = *result.path.attribute_def;
        if (!attribute.multi_valued || attribute.type != schema::Type::Complex) {
            parser.fail("'" + attribute.name + "' is not a multi-valued complex attribute, so it takes no value filter",
                        open.position);
        }
        result.value_filter = parser.parse_value_filter(result.path);
        if (parser.peek().kind == TokenKind::SubAttr) {
            const Token& sub = parser.advance();
            const schema::Attribute* def = attribute.find_sub(sub.name);
            if (def == nullptr) {
                parser.fail("Unknown sub-attribute '" + sub.name + "' of '" + attribute.name + "'", sub.name_position);
            }
            result.value_sub_attribute = def->name;
            result.value_sub_def = def;
        }
    }
    parser.expect_end("the end of the path");
    return result;
}

}  // namespace scim::filter
