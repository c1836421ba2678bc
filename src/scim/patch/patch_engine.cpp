#include "scim/patch/patch_engine.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>

#include "scim/error.h"
#include "scim/filter/ast.h"
#include "scim/filter/evaluate.h"
#include "scim/filter/patch_path.h"
#include "scim/json.h"
#include "scim/patch/dialect.h"
#include "scim/patch/members.h"
#include "scim/patch/rules.h"
#include "scim/resource_codec.h"
#include "util/ascii.h"

namespace scim::patch {
namespace {

using schema::Attribute;
using schema::Mutability;
using schema::Type;
using Kind = Operation::Kind;

// ScimError has named constructors only, so a prefixed copy is rebuilt through the one that
// made the original (its scimType, or its status for the status-only errors).
ScimError with_prefix(const ScimError& error, const std::string& prefix) {
    std::string detail = prefix + error.detail();
    const std::string& type = error.scim_type();
    if (type == "invalidFilter") return ScimError::invalid_filter(std::move(detail));
    if (type == "tooMany") return ScimError::too_many(std::move(detail));
    if (type == "uniqueness") return ScimError::uniqueness(std::move(detail));
    if (type == "mutability") return ScimError::mutability(std::move(detail));
    if (type == "invalidSyntax") return ScimError::invalid_syntax(std::move(detail));
    if (type == "invalidPath") return ScimError::invalid_path(std::move(detail));
    if (type == "noTarget") return ScimError::no_target(std::move(detail));
    if (type == "invalidValue") return ScimError::invalid_value(std::move(detail));
    if (type == "invalidVers") return ScimError::invalid_version(std::move(detail));
    if (type == "sensitive") return ScimError::sensitive(std::move(detail));
    switch (error.status()) {
        case 401: return ScimError::unauthorized(std::move(detail));
        case 403: return ScimError::forbidden(std::move(detail));
        case 404: return ScimError::not_found(std::move(detail));
        case 405: return ScimError::method_not_allowed(std::move(detail));
        case 409: return ScimError::conflict(std::move(detail));
        case 412: return ScimError::precondition_failed(std::move(detail));
        case 413: return ScimError::payload_too_large(std::move(detail));
        case 415: return ScimError::unsupported_media_type(std::move(detail));
        case 501: return ScimError::not_implemented(std::move(detail));
        case 503: return ScimError::unavailable(std::move(detail));
        default: return ScimError::internal(std::move(detail));
    }
}

// The one element a filtered add or replace puts in place of each matching element.
Json::Value decode_element(const Attribute& attribute, const std::string& where, const Json::Value& value) {
    const Json::Value decoded = decode_attribute(attribute, where, liberal(attribute, value));
    if (decoded.isNull()) return decoded;
    if (decoded.size() != 1) throw ScimError::invalid_value("Attribute '" + where + "' takes a single value here");
    return decoded[0];
}

class Engine {
public:
    // validate_each: the whole resource is re-validated after every operation (so that an
    // error names its operation); otherwise the caller validates once, with finish().
    Engine(const schema::Registry& registry, const schema::ResourceType& type, const std::string& resource_id,
           const std::vector<std::string>& deferred_attributes, Json::Value attributes, bool validate_each)
        : registry_(registry),
          type_(type),
          resource_id_(resource_id),
          deferred_attributes_(deferred_attributes),
          attributes_(std::move(attributes)),
          validate_each_(validate_each) {}

    // One operation, then (validate_each) the whole resource re-validated. Throws ScimError
    // without the "Operations[i]: " prefix.
    void apply(const Operation& operation) {
        const Json::Value before = attributes_;
        Kind kind = operation.kind;
        const Json::Value value = operation.value.value_or(Json::Value());
        if (!operation.path) {
            // RFC 7644 §3.5.2.2: "If "path" is unspecified, the operation fails with ... "noTarget"".
            if (kind == Kind::Remove) throw ScimError::no_target("'remove' requires a 'path'");
            // RFC 7644 §3.5.2.1: without a path, "the "value" parameter contains a set of attributes".
            if (!value.isObject()) {
                throw ScimError::invalid_value("Without a 'path', 'value' must be an object of attributes");
            }
            apply_without_path(kind, value);
        } else {
            if (kind == Kind::Replace && value.isNull()) kind = Kind::Remove;
            if (const std::string* urn = extension_urn(*operation.path)) {
                // A path naming a whole extension: its attributes, as the value object's members.
                if (kind == Kind::Remove) {
                    remove_extension(*urn);
                } else {
                    apply_extension_object(kind, *urn, value);
                }
            } else {
                apply_path(kind, filter::parse_patch_path(*operation.path, registry_, type_), value);
            }
        }
        if (!validate_each_) return;
        attributes_ = normalized(attributes_);
        check_immutable(registry_, type_, before, attributes_);
    }

    // The resource validated once after all operations, against its state before them.
    void finish(const Json::Value& original) {
        attributes_ = normalized(attributes_);
        check_immutable(registry_, type_, original, attributes_);
    }

    Json::Value& attributes() { return attributes_; }
    std::optional<std::string>& password() { return password_; }
    std::vector<DeferredChange>& deferred() { return deferred_.changes(); }

private:
    // Each member as its own operation with the member name as its path: "displayName",
    // "name.givenName" and "urn:...:enterprise:2.0:User:department" (Entra sends dotted and
    // URN-qualified names), or an extension URN whose value holds that extension's attributes.
    // Members apply in the order jsoncpp keeps them (by name), which matters only for two
    // members naming the same attribute.
    void apply_without_path(Kind kind, const Json::Value& value) {
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string name = it.name();
            if (util::iequals(name, "schemas")) {
                check_schemas_restated(*it);
            } else if (const std::string* urn = extension_urn(name)) {
                if (!it->isNull()) {
                    apply_extension_object(kind, *urn, *it);
                } else if (kind == Kind::Replace) {
                    remove_extension(*urn);
                }
            } else {
                apply_member(kind, name, *it);
            }
        }
    }

    void apply_member(Kind kind, const std::string& name, const Json::Value& value) {
        const filter::PatchPath path = filter::parse_patch_path(name, registry_, type_);
        if (path.value_filter != nullptr) {
            throw ScimError::invalid_path("'" + name + "': the members of a 'value' without 'path' name attributes, "
                                          "not value filters");
        }
        if (value.isNull()) {
            // Null is unassigned (RFC 7643 §2.5): adding it adds nothing, replacing by it removes.
            if (kind == Kind::Add) return;
            kind = Kind::Remove;
        }
        apply_path(kind, path, value);
    }

    void apply_extension_object(Kind kind, const std::string& urn, const Json::Value& value) {
        if (!value.isObject()) throw ScimError::invalid_value("'" + urn + "' must be an object of its attributes");
        for (auto it = value.begin(); it != value.end(); ++it) apply_member(kind, urn + ":" + it.name(), *it);
    }

    void remove_extension(const std::string& urn) {
        const Json::Value* members = json::find_member(attributes_, urn);
        if (members == nullptr) return;
        for (const std::string& name : members->getMemberNames()) {
            apply_path(Kind::Remove, filter::parse_patch_path(urn + ":" + name, registry_, type_), Json::Value());
        }
    }

    // "schemas" is read-only (RFC 7643 §3.1) and follows from the data; restating the
    // resource type's own URNs in a path-less value changes nothing.
    void check_schemas_restated(const Json::Value& value) const {
        if (value.isNull()) return;
        bool restated = value.isArray();
        for (const Json::Value& urn : value) {
            restated = restated && urn.isString() &&
                       (util::iequals(urn.asString(), type_.schema) || extension_urn(urn.asString()) != nullptr);
        }
        if (!restated) throw ScimError::mutability("Attribute 'schemas' is read-only");
    }

    // `value` is null for a remove without a value.
    void apply_path(Kind kind, const filter::PatchPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.path.attribute_def;
        if (is_deferred(path.path)) {
            apply_deferred(kind, path, value);
            return;
        }
        const Attribute& target = path.value_sub_def != nullptr ? *path.value_sub_def : path.path.target();
        if (attribute.mutability == Mutability::ReadOnly || target.mutability == Mutability::ReadOnly) {
            apply_read_only(kind, path, value);
        } else if (attribute.mutability == Mutability::WriteOnly) {
            apply_write_only(kind, path, value);
        } else if (path.value_filter != nullptr) {
            apply_filtered(kind, path, value);
        } else if (path.path.sub_def != nullptr) {
            apply_sub_attribute(kind, path.path, value);
        } else if (attribute.multi_valued) {
            apply_multi_valued(kind, path.path, value);
        } else {
            apply_single_valued(kind, path.path, value);
        }
    }

    // RFC 7644 §3.5.2: "A client MUST NOT modify an attribute that has mutability "readOnly"";
    // §3.5.2.2: removing one is "mutability". Restating the id is not a change (Okta renames a
    // group with {"op":"replace","value":{"id":"<its id>","displayName":"New"}}); other
    // read-only values (meta, groups) are not held here, so no value can be known to restate them.
    void apply_read_only(Kind kind, const filter::PatchPath& path, const Json::Value& value) const {
        const Attribute& attribute = *path.path.attribute_def;
        const bool whole_id = path.path.schema.empty() && attribute.name == "id" && path.path.sub_def == nullptr;
        if (kind != Kind::Remove && whole_id && decode_attribute(attribute, "id", value) == Json::Value(resource_id_)) {
            return;
        }
        throw ScimError::mutability("Attribute '" + display(path) + "' is read-only");
    }

    // RFC 7643 §4.1.1: the password may be set, never read; it leaves through PatchResult.
    void apply_write_only(Kind kind, const filter::PatchPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.path.attribute_def;
        if (kind == Kind::Remove) {
            throw ScimError::mutability("Attribute '" + display(path) + "' is write-only and cannot be removed");
        }
        if (!value.isString()) throw ScimError::invalid_value("Attribute '" + display(path) + "' must be a string");
        // As decode_resource: other write-only attributes (the registry has none) are dropped.
        if (util::iequals(attribute.name, "password")) password_ = value.asString();
    }

    // RFC 7644 §3.5.2.1 and §3.5.2.3: a single value is set; a complex one takes the given
    // sub-attributes and keeps the others. §3.5.2.2: removed, it is unassigned.
    void apply_single_valued(Kind kind, const filter::AttrPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.attribute_def;
        Json::Value& holder = container(path);
        if (kind == Kind::Remove) {
            check_removable(path);
            holder.removeMember(attribute.name);
            return;
        }
        const Json::Value decoded = decode_attribute(attribute, display(path), liberal(attribute, value));
        if (decoded.isNull()) return;
        if (attribute.type == Type::Complex && holder.isMember(attribute.name)) {
            merge_into(attribute, display(path), holder[attribute.name], decoded);
        } else {
            holder[attribute.name] = decoded;
        }
    }

    // RFC 7644 §3.5.2.1: add appends the values not already there; §3.5.2.3: replace without
    // a filter replaces all values; §3.5.2.2: remove without a filter unassigns them all —
    // except with a value (Entra: {"op":"Remove","path":"members","value":[{"value":"<id>"}]}),
    // which removes only the values it names, never all.
    void apply_multi_valued(Kind kind, const filter::AttrPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.attribute_def;
        const std::string where = display(path);
        Json::Value& holder = container(path);
        if (kind == Kind::Remove && value.isNull()) {
            check_removable(path);
            holder.removeMember(attribute.name);
            return;
        }
        const Json::Value decoded = decode_attribute(attribute, where, liberal(attribute, value));
        if (kind == Kind::Remove) {
            if (decoded.isNull() || !holder.isMember(attribute.name)) return;
            check_identifying(attribute, where, decoded);
            Json::Value kept(Json::arrayValue);
            for (const Json::Value& existing : holder[attribute.name]) {
                const bool named = std::any_of(decoded.begin(), decoded.end(), [&](const Json::Value& given) {
                    return identifies(attribute, existing, given);
                });
                if (!named) kept.append(existing);
            }
            holder[attribute.name] = std::move(kept);
            return;
        }
        if (kind == Kind::Replace) {
            if (decoded.isNull()) {
                check_removable(path);
                holder.removeMember(attribute.name);
            } else {
                holder[attribute.name] = decoded;
            }
            return;
        }
        if (decoded.isNull()) return;
        Json::Value list = holder.isMember(attribute.name) ? holder[attribute.name] : Json::Value(Json::arrayValue);
        Indices touched;
        for (const Json::Value& given : decoded) {
            std::optional<Json::ArrayIndex> present;
            for (Json::ArrayIndex i = 0; i < list.size() && !present; ++i) {
                if (same_element(attribute, list[i], given)) present = i;
            }
            if (present) {
                merge_into(attribute, where, list[*present], given);
                touched.push_back(*present);
            } else {
                list.append(given);
                touched.push_back(list.size() - 1);
            }
        }
        keep_one_primary(list, touched);
        holder[attribute.name] = std::move(list);
    }

    // "name.givenName": one sub-attribute set or unassigned. On a multi-valued attribute
    // without a filter ("emails.type") it applies to every value; an add or replace on one
    // with no values creates one holding just that sub-attribute.
    void apply_sub_attribute(Kind kind, const filter::AttrPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.attribute_def;
        const Attribute& sub = *path.sub_def;
        const std::string where = path_name(path.schema, attribute.name);
        Json::Value& holder = container(path);
        const Json::Value decoded = kind == Kind::Remove ? Json::Value() : decode_attribute(sub, display(path), value);
        if (kind != Kind::Remove && decoded.isNull()) return;
        if (!attribute.multi_valued) {
            if (kind == Kind::Remove && !holder.isMember(attribute.name)) return;
            Json::Value& object = holder[attribute.name];
            if (!object.isObject()) object = Json::Value(Json::objectValue);
            set_sub(where, object, sub, decoded);
            return;
        }
        Json::Value list = holder.isMember(attribute.name) ? holder[attribute.name] : Json::Value(Json::arrayValue);
        if (kind == Kind::Remove && list.empty()) return;
        if (list.empty()) list.append(Json::Value(Json::objectValue));
        Indices touched;
        for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
            set_sub(where, list[i], sub, decoded);
            touched.push_back(i);
        }
        keep_one_primary(list, touched);
        holder[attribute.name] = std::move(list);
    }

    // "emails[type eq \"work\"]" and "emails[type eq \"work\"].value". RFC 7644 §3.5.2.3:
    // the matching values are replaced (with a sub-attribute, that sub-attribute of each);
    // none matching is "noTarget" — unless the filter is made of equalities, when a value
    // made of them is added (Entra creates the work email this way). Add with a value path is
    // the same. §3.5.2.2: remove takes out the matching values (or that sub-attribute of
    // them); none matching is not an error.
    void apply_filtered(Kind kind, const filter::PatchPath& path, const Json::Value& value) {
        const Attribute& attribute = *path.path.attribute_def;
        const Attribute* sub = path.value_sub_def;
        const std::string where = path_name(path.path.schema, attribute.name);
        Json::Value& holder = container(path.path);
        Json::Value list = holder.isMember(attribute.name) ? holder[attribute.name] : Json::Value(Json::arrayValue);
        Indices matched;
        for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
            if (list[i].isObject() && filter::matches_value(*path.value_filter, list[i])) matched.push_back(i);
        }

        if (kind == Kind::Remove) {
            if (sub != nullptr) {
                for (Json::ArrayIndex i : matched) set_sub(where, list[i], *sub, Json::Value());
            } else {
                Json::Value kept(Json::arrayValue);
                for (Json::ArrayIndex i = 0; i < list.size(); ++i) {
                    if (std::find(matched.begin(), matched.end(), i) == matched.end()) kept.append(list[i]);
                }
                list = std::move(kept);
            }
            holder[attribute.name] = std::move(list);
            return;
        }

        const Json::Value replacement = sub != nullptr ? decode_attribute(*sub, display(path), value)
                                                       : decode_element(attribute, where, value);
        if (replacement.isNull()) return;
        if (matched.empty()) {
            Json::Value element(Json::objectValue);
            if (!collect_equalities(*path.value_filter, element)) {
                throw ScimError::no_target("No value of '" + where + "' matches the filter");
            }
            if (sub != nullptr) {
                element[sub->name] = replacement;
            } else {
                for (auto it = replacement.begin(); it != replacement.end(); ++it) element[it.name()] = *it;
            }
            list.append(std::move(element));
            matched.push_back(list.size() - 1);
        } else {
            for (Json::ArrayIndex i : matched) {
                if (sub != nullptr) {
                    set_sub(where, list[i], *sub, replacement);
                } else {
                    replace_element(attribute, where, list[i], replacement);
                }
            }
        }
        keep_one_primary(list, matched);
        holder[attribute.name] = std::move(list);
    }

    // Attributes kept outside `attributes_` (members.h).
    void apply_deferred(Kind kind, const filter::PatchPath& path, const Json::Value& value) {
        deferred_.apply(kind, path, display(path), value);
    }

    // RFC 7644 §3.5.2.2: "If an attribute is removed or becomes unassigned and is defined as
    // a required attribute ..., the server SHALL return ... "mutability"."
    void check_removable(const filter::AttrPath& path) const {
        if (path.attribute_def->required) {
            throw ScimError::mutability("Attribute '" + display(path) + "' is required and cannot be removed");
        }
    }

    bool is_deferred(const filter::AttrPath& path) const {
        if (path.schema != type_.schema) return false;
        return std::any_of(deferred_attributes_.begin(), deferred_attributes_.end(),
                           [&](const std::string& name) { return util::iequals(name, path.attribute); });
    }

    // The canonical URN of the extension of type_ that `name` spells, or nullptr.
    const std::string* extension_urn(std::string_view name) const {
        for (const auto& extension : type_.extensions) {
            if (util::iequals(extension.schema, name)) return &extension.schema;
        }
        return nullptr;
    }

    // Where an attribute lives in the normalized form: the top level for core and common
    // attributes, the object under its URN for an extension's.
    Json::Value& container(const filter::AttrPath& path) {
        const std::string* urn = extension_urn(path.schema);
        if (urn == nullptr) return attributes_;
        Json::Value& members = attributes_[*urn];
        if (!members.isObject()) members = Json::Value(Json::objectValue);
        return members;
    }

    // decode_resource over the attributes, which validates and normalizes them as a whole
    // (required attributes, at most one primary, no empty values) and keeps externalId.
    Json::Value normalized(const Json::Value& attributes) const {
        return decode_resource(registry_, type_, with_schemas(type_, attributes)).attributes;
    }

    std::string path_name(const std::string& schema, const std::string& attribute) const {
        return extension_urn(schema) != nullptr ? schema + ":" + attribute : attribute;
    }

    std::string display(const filter::AttrPath& path) const {
        std::string out = path_name(path.schema, path.attribute);
        if (!path.sub_attribute.empty()) out += "." + path.sub_attribute;
        return out;
    }

    std::string display(const filter::PatchPath& path) const {
        std::string out = display(path.path);
        if (path.value_filter != nullptr) out += "[...]";
        if (!path.value_sub_attribute.empty()) out += "." + path.value_sub_attribute;
        return out;
    }

    const schema::Registry& registry_;
    const schema::ResourceType& type_;
    const std::string& resource_id_;
    const std::vector<std::string>& deferred_attributes_;
    Json::Value attributes_;
    std::optional<std::string> password_;
    bool validate_each_ = true;
    DeferredChanges deferred_;
};

}  // namespace

PatchResult apply_patch(const schema::Registry& registry, const schema::ResourceType& type,
                        const std::string& resource_id, const Json::Value& attributes,
                        const std::vector<Operation>& operations,
                        const std::vector<std::string>& deferred_attributes) {
    // The operations applied in order and the resource validated once at the end, so that
    // a request of n operations on a resource of size m costs n + m, not n × m. Only when that
    // validation fails are the operations replayed, validating after each, for the error to
    // name the operation that caused it.
    auto run = [&](Engine& engine) {
        for (const Operation& operation : operations) {
            try {
                engine.apply(operation);
            } catch (const ScimError& error) {
                throw with_prefix(error, "Operations[" + std::to_string(operation.index) + "]: ");
            }
        }
    };
    Engine engine(registry, type, resource_id, deferred_attributes, attributes, false);
    run(engine);
    try {
        engine.finish(attributes);
    } catch (const ScimError& error) {
        Engine replay(registry, type, resource_id, deferred_attributes, attributes, true);
        run(replay);
        throw;
    }
    PatchResult result;
    result.attributes = std::move(engine.attributes());
    result.password = std::move(engine.password());
    result.deferred = std::move(engine.deferred());
    result.changed = result.attributes != attributes || result.password.has_value() || !result.deferred.empty();
    return result;
}

}  // namespace scim::patch
