// What identity providers send that the RFC spells otherwise, read the RFC's way (from the
// registry, never guessed from a value's shape alone). Each case cites the request that
// needs it; patch_engine_test.cpp holds them.
#pragma once

#include <json/value.h>

#include "scim/filter/ast.h"
#include "scim/schema/attribute.h"

namespace scim::patch {

// The RFC form of a value given for `attribute`.
Json::Value liberal(const schema::Attribute& attribute, const Json::Value& value);

// Whether `node` is `subattr eq <value>` or an "and" of such; if so, `element` gets them.
bool collect_equalities(const filter::Node& node, Json::Value& element);

}  // namespace scim::patch
