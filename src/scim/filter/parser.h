// The SCIM filter parser (RFC 7644 §3.4.2.2): recursive descent over the Figure 1 ABNF that
// resolves every attribute path against the schema registry and type-checks every
// comparison while it builds the AST, so a parsed filter is fully resolved and valid.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "scim/filter/ast.h"
#include "scim/filter/lexer.h"
#include "scim/filter/syntax_error.h"
#include "scim/schema/registry.h"

namespace scim::filter {

// Limits that bound the work and the recursion one request can cause. Exceeding one is
// invalidFilter (invalidPath in a PATCH path), never a stack overflow: depth is checked
// while descending, clauses as they are read.
inline constexpr std::size_t kMaxFilterLength = 8192;  // bytes of filter (or PATCH path) text
inline constexpr int kMaxDepth = 32;     // nesting levels: each "(...)", "not (...)" and "attr[...]" is one
inline constexpr int kMaxClauses = 200;  // attribute expressions ("attr pr", "attr op value")

// Parses `text` as a filter on resources of `type`.
// The result's paths are canonical and carry their definitions (see AttrPath). A comparison
// or presence test on a complex attribute without a sub-attribute means its "value"
// sub-attribute (RFC 7644 §3.4.2.2 Figure 2: `emails co "example.com"`). Precedence: "not
// (...)" and parentheses, then "and", then "or" (RFC 7644 §3.4.2.2); and/or are
// left-associative. Throws ScimError::invalid_filter, whose detail names the position.
// The returned tree holds pointers into `registry`, which must outlive it.
NodePtr parse_filter(std::string_view text, const schema::Registry& registry, const schema::ResourceType& type);

// The recursive-descent machinery behind parse_filter and parse_patch_path, over the tokens
// of tokenize(). REQUIRES: `tokens` ends with an End token; tokens, registry and type
// outlive the parser. Every failure is thrown as fail_at(grammar, ...).
class Parser {
public:
    Parser(const std::vector<Token>& tokens, const schema::Registry& registry, const schema::ResourceType& type,
           Grammar grammar);

    const Token& peek() const { return tokens_[pos_]; }
    // Returns the current token and moves past it; never moves past End.
    const Token& advance();

    // FILTER: an "or" of "and"s of primaries. Stops before the first token that cannot
    // continue it (End, ")", "]", ...), which the caller checks.
    NodePtr parse_expression();

    // "[" valFilter "]" after `outer`, consumed through the "]". Paths inside name
    // sub-attributes of `outer` and are resolved as such. REQUIRES: peek() is "[", outer is
    // resolved, has no sub-attribute and is complex. Value paths do not nest (RFC 7644
    // §3.4.2.2: valFilter has no valuePath).
    NodePtr parse_value_filter(const AttrPath& outer);

    // A top-level AttrPath token resolved against the registry, as written: no "value"
    // default for complex attributes (a PATCH path names the attribute itself).
    AttrPath resolve(const Token& token) const;

    // Fails unless peek() is End; `expected` completes "Expected 'and', 'or' or ...".
    void expect_end(std::string_view expected) const;

    [[noreturn]] void fail(std::string_view what, std::size_t position) const;

private:
    NodePtr parse_or();
    NodePtr parse_and();
    NodePtr parse_primary();
    NodePtr parse_attribute_expression();
    AttrPath resolve_in_value_path(const Token& token) const;
    void apply_value_default(AttrPath& path, const Token& token) const;
    NodePtr parse_comparison(AttrPath path);
    // The value to compare with, typed as the attribute is; fails when it cannot be.
    Json::Value check_comparison(const AttrPath& path, const Token& op, const Token& value) const;
    void enter(std::size_t position);
    void leave() { --depth_; }
    std::string found(const Token& token) const;

    const std::vector<Token>& tokens_;
    const schema::Registry& registry_;
    const schema::ResourceType& type_;
    Grammar grammar_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    int clauses_ = 0;
    const AttrPath* outer_ = nullptr;  // the attribute of the value path being read, if any
};

}  // namespace scim::filter
