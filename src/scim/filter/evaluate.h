// The in-memory meaning of a parsed filter: does a resource (or one value of a multi-valued
// attribute) match? Two-valued and total, so that the SQL translation can be compared with it.
#pragma once

#include <json/value.h>

#include "scim/filter/ast.h"

namespace scim::filter {

// REQUIRES: `filter` comes from parse_filter (paths resolved); `resource` is a rendered
// resource: core and common attributes at the top level, each extension's attributes in
// an object under its URN, canonical attribute names (member names are matched
// case-insensitively all the same, RFC 7643 §2.1). Data of the wrong JSON type never
// matches a comparison; the function never throws.
//
// Semantics (RFC 7644 §3.4.2.2 where it speaks; decisions where it does not):
// - A path's values: the attribute's value, or each element when it is an array; with a
//   sub-attribute, that member of each (object) value. A comparison matches when ANY value
//   matches; nulls are no values.
// - Strings (string, reference, binary): byte-wise after ASCII lower-casing both sides when
//   the target is not caseExact; gt/ge/lt/le compare byte-wise lexicographically.
//   dateTime compares instants; integer and decimal compare as double; boolean eq only.
// - ne is exactly "not eq": true when the attribute is absent.
// - pr: some value is non-empty (a non-empty string, any number or boolean, an array or
//   object holding a non-empty value). "eq null" is exactly "not pr", "ne null" is "pr".
// - attr[filter]: some element of attr (a non-array value is one element) matches filter.
bool matches(const Node& filter, const Json::Value& resource);

// One value of a multi-valued complex attribute against a value path's inner filter, whose
// paths name sub-attributes of `element` (PATCH "emails[type eq "work"]" selects the
// elements for which this is true, RFC 7644 §3.5.2). Same semantics as matches().
bool matches_value(const Node& filter, const Json::Value& element);

}  // namespace scim::filter
