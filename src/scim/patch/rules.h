// The RFC 7644 §3.5.2 rules on values that the PATCH engine applies: when two values are the
// same, what a value given to a remove names, how a complex value takes new sub-attributes,
// and the one primary value. Each definition cites its rule.
#pragma once

#include <string>
#include <vector>

#include <json/value.h>

#include "scim/schema/attribute.h"

namespace scim::patch {

using Indices = std::vector<Json::ArrayIndex>;

bool same_value(const schema::Attribute& def, const Json::Value& a, const Json::Value& b);
bool same_element(const schema::Attribute& attribute, const Json::Value& existing, const Json::Value& given);
bool identifies(const schema::Attribute& attribute, const Json::Value& existing, const Json::Value& given);
void set_sub(const std::string& where, Json::Value& element, const schema::Attribute& sub, const Json::Value& value);
void merge_into(const schema::Attribute& attribute, const std::string& where, Json::Value& existing,
                const Json::Value& given);
void replace_element(const schema::Attribute& attribute, const std::string& where, Json::Value& existing,
                     const Json::Value& replacement);
void keep_one_primary(Json::Value& list, const Indices& touched);
void check_identifying(const schema::Attribute& attribute, const std::string& where, const Json::Value& given);

}  // namespace scim::patch
