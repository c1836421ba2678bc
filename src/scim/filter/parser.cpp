#include "scim/filter/parser.h"

#include <memory>
#include <string>
#include <utility>

#include "scim/datetime.h"
#include "scim/error.h"

namespace scim::filter {
namespace {

using schema::Type;

std::string_view spelling(CompareOp op) {
    switch (op) {
        case CompareOp::Eq:
            return "eq";
        case CompareOp::Ne:
            return "ne";
        case CompareOp::Co:
            return "co";
        case CompareOp::Sw:
            return "sw";
        case CompareOp::Ew:
            return "ew";
        case CompareOp::Gt:
            return "gt";
        case CompareOp::Ge:
            return "ge";
        case CompareOp::Lt:
            return "lt";
        case CompareOp::Le:
            return "le";
    }
    return "eq";  // unreachable: every enumerator is handled above (-Wswitch checks it)
}

std::string display(const AttrPath& path) {
    return path.sub_attribute.empty() ? path.attribute : path.attribute + "." + path.sub_attribute;
}

bool is_ordering(CompareOp op) {
    return op == CompareOp::Gt || op == CompareOp::Ge || op == CompareOp::Lt || op == CompareOp::Le;
}

bool is_substring(CompareOp op) { return op == CompareOp::Co || op == CompareOp::Sw || op == CompareOp::Ew; }

bool is_blank(std::string_view text) {
    for (char c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
    }
    return true;
}

NodePtr make_node(auto expr) {
    auto node = std::make_unique<Node>();
    node->expr = std::move(expr);
    return node;
}

}  // namespace

Parser::Parser(const std::vector<Token>& tokens, const schema::Registry& registry, const schema::ResourceType& type,
               Grammar grammar)
    : tokens_(tokens), registry_(registry), type_(type), grammar_(grammar) {}

const Token& Parser::advance() {
    const Token& token = tokens_[pos_];
    if (token.kind != TokenKind::End) ++pos_;
    return token;
}

void Parser::fail(std::string_view what, std::size_t position) const { fail_at(grammar_, what, position); }

std::string Parser::found(const Token& token) const {
    if (token.kind == TokenKind::End) {
        return grammar_ == Grammar::Filter ? "the end of the filter" : "the end of the path";
    }
    constexpr std::size_t kShown = 40;  // enough to recognize the token; a long string is cut
    if (token.text.size() <= kShown) return "'" + token.text + "'";
    std::size_t cut = kShown;
    // Cut before a UTF-8 continuation byte, so the detail stays valid UTF-8.
    while (cut > 0 && (static_cast<unsigned char>(token.text[cut]) & 0xC0) == 0x80) --cut;
    return "'" + token.text.substr(0, cut) + "...'";
}

void Parser::enter(std::size_t position) {
    if (++depth_ > kMaxDepth) fail("Nesting deeper than " + std::to_string(kMaxDepth) + " levels", position);
}

void Parser::expect_end(std::string_view expected) const {
    const Token& token = peek();
    if (token.kind == TokenKind::End) return;
    if (token.kind == TokenKind::RParen) fail("Unbalanced ')'", token.position);
    if (token.kind == TokenKind::RBracket) fail("Unbalanced ']'", token.position);
    fail("Expected " + std::string(expected) + " but found " + found(token), token.position);
}

NodePtr Parser::parse_expression() { return parse_or(); }

// RFC 7644 §3.4.2.2: "and" takes precedence over "or"; both are read left to right, so
// "a or b and c" is Or(a, And(b, c)) and "a and b and c" is And(And(a, b), c). Loops, not
// recursion, so a long chain costs no stack.
NodePtr Parser::parse_or() {
    NodePtr left = parse_and();
    while (peek().kind == TokenKind::Or) {
        advance();
        NodePtr right = parse_and();
        left = make_node(Or{std::move(left), std::move(right)});
    }
    return left;
}

NodePtr Parser::parse_and() {
    NodePtr left = parse_primary();
    while (peek().kind == TokenKind::And) {
        advance();
        NodePtr right = parse_primary();
        left = make_node(And{std::move(left), std::move(right)});
    }
    return left;
}

// FILTER = attrExp / valuePath / *1"not" "(" FILTER ")" — "not" only ever negates a
// parenthesized filter, so it binds tightest.
NodePtr Parser::parse_primary() {
    const Token& token = peek();
    if (token.kind == TokenKind::Not || token.kind == TokenKind::LParen) {
        const bool negate = token.kind == TokenKind::Not;
        const std::size_t start = token.position;
        advance();
        if (negate) {
            if (peek().kind != TokenKind::LParen)
                fail("Expected '(' after 'not' but found " + found(peek()), peek().position);
            advance();
        }
        enter(start);
        NodePtr inner = parse_or();
        if (peek().kind != TokenKind::RParen) fail("Expected ')' but found " + found(peek()), peek().position);
        advance();
        leave();
        return negate ? make_node(Not{std::move(inner)}) : std::move(inner);
    }
    if (token.kind == TokenKind::AttrPath) return parse_attribute_expression();
    fail("Expected an attribute path, '(' or 'not' but found " + found(token), token.position);
}

NodePtr Parser::parse_attribute_expression() {
    const Token& path_token = advance();

    if (peek().kind == TokenKind::LBracket) {
        if (outer_ != nullptr) fail("Value paths cannot be nested", peek().position);
        AttrPath outer = resolve(path_token);
        if (!outer.sub_attribute.empty()) {
            fail("A value filter follows an attribute, not the sub-attribute '" + display(outer) + "'",
                 peek().position);
        }
        // A single-valued complex attribute is accepted too: "name[givenName eq "x"]" is
        // "name.givenName eq "x"" (RFC 7644 §3.4.2.2 calls "[]" "complex attribute filter
        // grouping", not multi-valued only).
        if (outer.attribute_def->type != Type::Complex) {
            fail("'" + outer.attribute + "' is not a complex attribute, so it takes no value filter", peek().position);
        }
        NodePtr inner = parse_value_filter(outer);
        if (peek().kind == TokenKind::SubAttr) {
            // `emails[type eq "work"].value eq "x"`, as Entra ID matches users on their work
            // e-mail: the same as `emails[type eq "work" and value eq "x"]`, one value meeting both.
            const Token& sub = advance();
            const schema::Attribute* def = outer.attribute_def->find_sub(sub.name);
            if (def == nullptr) {
                fail("Unknown sub-attribute '" + sub.name + "' of '" + outer.attribute + "'", sub.name_position);
            }
            if (++clauses_ > kMaxClauses) {
                fail("More than " + std::to_string(kMaxClauses) + " attribute expressions", sub.position);
            }
            AttrPath path = outer;
            path.sub_attribute = def->name;
            path.sub_def = def;
            if (def->type == Type::Complex) fail("'" + display(path) + "' is complex", sub.name_position);
            NodePtr last = parse_comparison(std::move(path));
            inner = make_node(And{std::move(inner), std::move(last)});
        }
        return make_node(ValuePath{std::move(outer), std::move(inner)});
    }

    AttrPath path = outer_ != nullptr ? resolve_in_value_path(path_token) : resolve(path_token);
    if (++clauses_ > kMaxClauses) {
        fail("More than " + std::to_string(kMaxClauses) + " attribute expressions", path_token.position);
    }
    apply_value_default(path, path_token);
    return parse_comparison(std::move(path));
}

// After an attribute path: "pr", or an operator and a value, type-checked against the path.
NodePtr Parser::parse_comparison(AttrPath path) {
    const Token& op = advance();
    if (op.kind == TokenKind::Present) return make_node(Presence{std::move(path)});
    if (op.kind != TokenKind::CompareOp) fail("Expected an operator but found " + found(op), op.position);

    const Token& value = advance();
    switch (value.kind) {
        case TokenKind::String:
        case TokenKind::Number:
        case TokenKind::True:
        case TokenKind::False:
        case TokenKind::Null:
            break;
        default:
            fail("Expected a value (a string, number, true, false or null) but found " + found(value), value.position);
    }
    Json::Value typed = check_comparison(path, op, value);
    return make_node(Comparison{std::move(path), op.op, std::move(typed)});
}

NodePtr Parser::parse_value_filter(const AttrPath& outer) {
    if (outer_ != nullptr) fail("Value paths cannot be nested", peek().position);
    const Token& open = advance();
    enter(open.position);
    outer_ = &outer;
    NodePtr inner = parse_or();
    outer_ = nullptr;
    if (peek().kind != TokenKind::RBracket) fail("Expected ']' but found " + found(peek()), peek().position);
    advance();
    leave();
    return inner;
}

AttrPath Parser::resolve(const Token& token) const {
    const auto resolved = registry_.resolve(type_, token.urn, token.name);
    if (!resolved) {
        const std::string written = token.urn.empty() ? token.name : token.urn + ":" + token.name;
        fail("Unknown attribute '" + written + "'", token.position);
    }
    AttrPath path;
    path.schema = resolved->schema;
    path.attribute = resolved->attribute->name;
    path.attribute_def = resolved->attribute;
    if (!token.sub_attribute.empty()) {
        if (path.attribute_def->type != Type::Complex) {
            fail("'" + path.attribute + "' has no sub-attributes", token.sub_position);
        }
        const schema::Attribute* sub = path.attribute_def->find_sub(token.sub_attribute);
        if (sub == nullptr) {
            fail("Unknown sub-attribute '" + token.sub_attribute + "' of '" + path.attribute + "'", token.sub_position);
        }
        path.sub_attribute = sub->name;
        path.sub_def = sub;
    }
    return path;
}

// Inside "emails[...]" a path is a bare sub-attribute name of emails (RFC 7644 §3.4.2.2:
// "a valid filter expression based upon sub-attributes of the parent attribute"); the
// result carries the outer schema and attribute, as ast.h describes.
AttrPath Parser::resolve_in_value_path(const Token& token) const {
    if (!token.urn.empty() || !token.sub_attribute.empty()) {
        fail("Inside '" + outer_->attribute + "[...]' name a sub-attribute of '" + outer_->attribute + "'",
             token.position);
    }
    const schema::Attribute* sub = outer_->attribute_def->find_sub(token.name);
    if (sub == nullptr) {
        fail("Unknown sub-attribute '" + token.name + "' of '" + outer_->attribute + "'", token.position);
    }
    AttrPath path = *outer_;
    path.sub_attribute = sub->name;
    path.sub_def = sub;
    return path;
}

// RFC 7644 §3.4.2.2 Figure 2 filters `emails co "example.com"` next to
// `emails.value co "example.org"`: a complex attribute without a sub-attribute stands for
// its "value". A complex attribute without one (name, meta) cannot be compared.
void Parser::apply_value_default(AttrPath& path, const Token& token) const {
    if (path.target().type != Type::Complex) return;
    const schema::Attribute* value = path.attribute_def->find_sub("value");
    if (path.sub_def != nullptr || value == nullptr) {
        fail("'" + display(path) + "' is complex: name one of its sub-attributes", token.position);
    }
    path.sub_attribute = value->name;
    path.sub_def = value;
}

Json::Value Parser::check_comparison(const AttrPath& path, const Token& op, const Token& value) const {
    const schema::Attribute& target = path.target();
    const std::string type_name(schema::to_string(target.type));
    const std::string op_name(spelling(op.op));

    // RFC 7644 §3.4.2.2: gt/ge/lt/le on "Boolean and Binary attributes SHALL cause a failed
    // response ... invalidFilter"; co/sw/ew are defined on strings ("substring").
    const bool ordered = target.type != Type::Boolean && target.type != Type::Binary && target.type != Type::Complex;
    const bool textual = target.type == Type::String || target.type == Type::Reference || target.type == Type::Binary;
    if ((is_ordering(op.op) && !ordered) || (is_substring(op.op) && !textual)) {
        fail("Operator '" + op_name + "' is not valid for the " + type_name + " attribute '" + display(path) + "'",
             op.position);
    }

    // null stands for "unassigned" and only equality can ask about that.
    if (value.kind == TokenKind::Null) {
        if (op.op != CompareOp::Eq && op.op != CompareOp::Ne) {
            fail("null can only be compared with 'eq' or 'ne'", value.position);
        }
        return Json::Value();
    }

    bool fits = false;
    Json::Value typed = value.value;
    std::string expected;
    switch (target.type) {
        case Type::String:
        case Type::Reference:
        case Type::Binary:
            // An unquoted number is the text as written (`externalId eq 12345`).
            fits = value.kind == TokenKind::String || value.kind == TokenKind::Number;
            if (value.kind == TokenKind::Number) typed = Json::Value(value.text);
            expected = "a string";
            break;
        case Type::Boolean:
            fits = value.kind == TokenKind::True || value.kind == TokenKind::False;
            expected = "true or false";
            break;
        case Type::Integer:
            // RFC 7643 §2.3.4: "A whole number with no fractional digits or decimal".
            fits = value.kind == TokenKind::Number && value.value.type() == Json::intValue;
            expected = "a whole number";
            break;
        case Type::Decimal:
            fits = value.kind == TokenKind::Number;
            expected = "a number";
            break;
        case Type::DateTime:
            // RFC 7643 §2.3.5: a dateTime is an xsd:dateTime string.
            fits = value.kind == TokenKind::String && is_valid_datetime(value.value.asString());
            expected = "a dateTime such as \"2011-05-13T04:42:34Z\" (years 0001 to 9999)";
            break;
        case Type::Complex:
            break;
    }
    if (!fits) {
        fail("The " + type_name + " attribute '" + display(path) + "' must be compared with " + expected,
             value.position);
    }
    return typed;
}

NodePtr parse_filter(std::string_view text, const schema::Registry& registry, const schema::ResourceType& type) {
    if (text.size() > kMaxFilterLength) {
        fail_at(Grammar::Filter, "Filter is longer than " + std::to_string(kMaxFilterLength) + " characters",
                kMaxFilterLength);
    }
    if (is_blank(text)) throw ScimError::invalid_filter("Filter is empty");
    const std::vector<Token> tokens = tokenize(text, Grammar::Filter);
    Parser parser(tokens, registry, type, Grammar::Filter);
    NodePtr filter = parser.parse_expression();
    parser.expect_end("'and', 'or' or the end of the filter");
    return filter;
}

}  // namespace scim::filter
