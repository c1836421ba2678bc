#include "scim/projection.h"

#include <optional>

#include "scim/error.h"
#include "scim/filter/evaluate.h"
#include "scim/filter/parser.h"
#include "util/ascii.h"

namespace scim {
namespace {

using schema::Attribute;
using schema::Returned;

std::string_view trim(std::string_view text) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    return text;
}

// The position of the first comma outside brackets and quoted strings, so that a value
// filter such as `emails[value eq "a,b"]` stays one item.
std::size_t next_separator(std::string_view list) {
    int depth = 0;
    bool quoted = false;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const char c = list[i];
        if (quoted) {
            if (c == '\\') ++i;
            else if (c == '"') quoted = false;
        } else if (c == '"') {
            quoted = true;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        } else if (c == ',' && depth <= 0) {
            return i;
        }
    }
    return std::string_view::npos;
}

std::vector<std::string_view> split_list(std::string_view list) {
    std::vector<std::string_view> items;
    while (!list.empty()) {
        std::size_t comma = next_separator(list);
        std::string_view item = trim(list.substr(0, comma));
        if (!item.empty()) items.push_back(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return items;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && util::iequals(text.substr(0, prefix.size()), prefix);
}

// The schemas whose attributes a resource of `type` carries, core first.
std::vector<std::string> type_schemas(const schema::ResourceType& type) {
    std::vector<std::string> urns{type.schema};
    for (const auto& extension : type.extensions) urns.push_back(extension.schema);
    return urns;
}

bool is_empty(const Json::Value& value) {
    return value.isNull() || ((value.isArray() || value.isObject()) && value.empty());
}

}  // namespace

Projection Projection::parse(const schema::Registry& registry, const schema::ResourceType& type,
                             std::string_view attributes, std::string_view excluded_attributes,
                             bool skip_unknown) {
    Projection projection;
    projection.registry_ = &registry;
    projection.type_ = &type;
    // `attr[filter]` or `attr[filter].sub`: the filter grammar reads the value path.
    auto parse_value_path = [&](std::string_view item) -> std::optional<Ref> {
        const std::size_t close = item.rfind(']');
        std::string_view sub;
        if (close == std::string_view::npos) throw ScimError::invalid_value("Unbalanced '[' in '" + std::string(item) + "'");
        if (close + 1 < item.size()) {
            if (item[close + 1] != '.' || close + 2 >= item.size()) {
                throw ScimError::invalid_value("Unexpected text after ']' in '" + std::string(item) + "'");
            }
            sub = item.substr(close + 2);
        }
        std::shared_ptr<const filter::Node> node;
        try {
            node = filter::parse_filter(item.substr(0, close + 1), registry, type);
        } catch (const ScimError& error) {
            if (skip_unknown) return std::nullopt;
            throw ScimError::invalid_value("Invalid attribute '" + std::string(item) + "': " + error.detail());
        }
        const auto* value_path = std::get_if<filter::ValuePath>(&node->expr);
        if (value_path == nullptr || !value_path->path.attribute_def->multi_valued) {
            throw ScimError::invalid_value("'" + std::string(item) +
                                           "' is not a multi-valued attribute followed by a value filter");
        }
        const filter::AttrPath& path = value_path->path;
        Ref ref{path.schema == type.schema ? "" : path.schema, path.attribute, "", node};
        if (!sub.empty()) {
            const Attribute* sub_def = path.attribute_def->find_sub(sub);
            if (sub_def == nullptr) {
                if (skip_unknown) return std::nullopt;
                throw ScimError::invalid_value("Unknown attribute '" + std::string(item) + "'");
            }
            ref.sub_attribute = sub_def->name;
        }
        return ref;
    };
    auto parse_ref = [&](std::string_view item) -> std::optional<Ref> {
        if (item.find('[') != std::string_view::npos) return parse_value_path(item);
        std::string_view urn;
        std::string_view rest = item;
        for (const std::string& candidate : type_schemas(type)) {
            if (util::iequals(item, candidate)) {
                // A whole extension; the core schema URN alone names every core attribute.
                return Ref{candidate == type.schema ? "" : candidate, "", "", nullptr};
            }
            if (starts_with_ci(item, candidate) && item.size() > candidate.size() && item[candidate.size()] == ':') {
                urn = item.substr(0, candidate.size());
                rest = item.substr(candidate.size() + 1);
            }
        }
        std::size_t dot = rest.find('.');
        std::string_view name = rest.substr(0, dot);
        std::string_view sub = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
        auto resolved = registry.resolve(type, urn, name);
        if (!resolved && skip_unknown) return std::nullopt;
        if (!resolved) throw ScimError::invalid_value("Unknown attribute '" + std::string(item) + "'");
        Ref ref{resolved->schema == type.schema ? "" : resolved->schema, resolved->attribute->name, "", nullptr};
        if (!sub.empty()) {
            const Attribute* sub_def = resolved->attribute->find_sub(sub);
            if (sub_def == nullptr && skip_unknown) return std::nullopt;
            if (sub_def == nullptr) throw ScimError::invalid_value("Unknown attribute '" + std::string(item) + "'");
            ref.sub_attribute = sub_def->name;
        }
        return ref;
    };
    for (std::string_view item : split_list(attributes)) {
        if (auto ref = parse_ref(item)) projection.include_.push_back(*ref);
    }
    for (std::string_view item : split_list(excluded_attributes)) {
        if (item.find('[') != std::string_view::npos) {
            throw ScimError::invalid_value("excludedAttributes takes attribute names, not value filters: '" +
                                           std::string(item) + "'");
        }
        if (auto ref = parse_ref(item)) projection.exclude_.push_back(*ref);
    }
    // Extension schemas may hold attributes returned only on request, or never: then the
    // stored representation is not the default one.
    for (const std::string& urn : type_schemas(type)) {
        const schema::Schema* found = registry.schema(urn);
        if (found == nullptr) continue;
        for (const Attribute& attribute : found->attributes) {
            if ((attribute.returned == Returned::Request || attribute.returned == Returned::Never) &&
                !util::iequals(attribute.name, "password")) {
                projection.stored_is_default_ = false;
            }
        }
    }
    // With `attributes` given, even a list of names of other types narrows to the always-returned set.
    projection.has_include_ = !split_list(attributes).empty();
    if (projection.has_include_) projection.exclude_.clear();
    return projection;
}

bool Projection::wants(std::string_view schema_urn, std::string_view attribute) const {
    std::string_view container = util::iequals(schema_urn, type_ == nullptr ? "" : type_->schema) ? "" : schema_urn;
    auto names = [&](const Ref& ref) {
        return util::iequals(ref.container, container) && (ref.attribute.empty() || util::iequals(ref.attribute, attribute));
    };
    if (has_include_) {
        for (const Ref& ref : include_) {
            if (names(ref)) return true;
        }
        return false;
    }
    for (const Ref& ref : exclude_) {
        if (names(ref) && ref.sub_attribute.empty()) return false;
    }
    return true;
}

Json::Value Projection::apply(const Json::Value& resource) const {
    if (registry_ == nullptr) return resource;
    Json::Value out(Json::objectValue);
    // Which attributes the "returned" characteristic keeps or drops regardless of the lists.
    auto returned_of = [&](const std::string& container, const std::string& name) {
        std::string urn = container.empty() ? std::string() : container;
        auto resolved = registry_->resolve(*type_, urn, name);
        return resolved ? resolved->attribute->returned : Returned::Default;
    };
    auto copy_container = [&](const std::string& container, const Json::Value& source, Json::Value& target) {
        for (auto it = source.begin(); it != source.end(); ++it) {
            const std::string name = it.name();
            if (container.empty()) {
                bool is_extension = false;
                for (const auto& extension : type_->extensions) is_extension = is_extension || extension.schema == name;
                if (is_extension || name == "meta") continue;
            }
            Returned returned = returned_of(container, name);
            if (returned == Returned::Never) continue;
            bool keep = returned == Returned::Always;
            Json::Value value = *it;
            if (has_include_ && value.isArray()) {
                // Value filters narrow the values, unless the attribute is also named without one.
                bool unfiltered = false;
                std::vector<const filter::Node*> filters;
                for (const Ref& ref : include_) {
                    if (ref.container != container || !util::iequals(ref.attribute, name)) continue;
                    if (ref.values == nullptr) {
                        unfiltered = true;
                    } else {
                        filters.push_back(std::get<filter::ValuePath>(ref.values->expr).filter.get());
                    }
                }
                if (!unfiltered && !filters.empty()) {
                    Json::Value kept(Json::arrayValue);
                    for (const Json::Value& element : value) {
                        for (const filter::Node* values : filters) {
                            if (filter::matches_value(*values, element)) {
                                kept.append(element);
                                break;
                            }
                        }
                    }
                    if (kept.empty() && returned != Returned::Always) continue;
                    value = std::move(kept);
                }
            }
            if (has_include_) {
                for (const Ref& ref : include_) {
                    if (ref.container != container) continue;
                    if (ref.attribute.empty() || (util::iequals(ref.attribute, name) && ref.sub_attribute.empty())) {
                        keep = true;
                    }
                }
                if (!keep) {
                    // Only some sub-attributes were asked for.
                    Json::Value partial;
                    for (const Ref& ref : include_) {
                        if (ref.container != container || !util::iequals(ref.attribute, name) || ref.sub_attribute.empty()) {
                            continue;
                        }
                        if (value.isArray()) {
                            if (partial.isNull()) partial = Json::Value(Json::arrayValue);
                            for (Json::ArrayIndex i = 0; i < value.size(); ++i) {
                                if (partial.size() <= i) partial[i] = Json::Value(Json::objectValue);
                                if (value[i].isMember(ref.sub_attribute)) partial[i][ref.sub_attribute] = value[i][ref.sub_attribute];
                            }
                        } else if (value.isObject() && value.isMember(ref.sub_attribute)) {
                            partial[ref.sub_attribute] = value[ref.sub_attribute];
                        }
                    }
                    if (!is_empty(partial)) target[name] = partial;
                    continue;
                }
            } else {
                if (returned == Returned::Request) continue;
                if (!keep) {
                    bool dropped = false;
                    for (const Ref& ref : exclude_) {
                        if (ref.container != container) continue;
                        if (ref.attribute.empty() || (util::iequals(ref.attribute, name) && ref.sub_attribute.empty())) {
                            dropped = true;
                        } else if (util::iequals(ref.attribute, name)) {
                            if (value.isArray()) {
                                for (auto& element : value) element.removeMember(ref.sub_attribute);
                            } else if (value.isObject()) {
                                value.removeMember(ref.sub_attribute);
                            }
                        }
                    }
                    if (dropped) continue;
                }
            }
            target[name] = value;
        }
    };
    copy_container("", resource, out);
    for (const auto& extension : type_->extensions) {
        if (!resource.isMember(extension.schema)) continue;
        Json::Value members(Json::objectValue);
        copy_container(extension.schema, resource[extension.schema], members);
        if (!members.empty()) out[extension.schema] = members;
    }
    // meta is returned by default (RFC 7643 §3.1); with `attributes` only when named, and
    // `attributes=meta.lastModified` returns meta with that sub-attribute alone.
    if (resource.isMember("meta")) {
        const Json::Value& meta = resource["meta"];
        Json::Value kept = has_include_ ? Json::Value(Json::objectValue) : meta;
        for (const Ref& ref : has_include_ ? include_ : exclude_) {
            if (!ref.container.empty() || !util::iequals(ref.attribute, "meta")) continue;
            if (ref.sub_attribute.empty()) {
                kept = has_include_ ? meta : Json::Value(Json::objectValue);
            } else if (has_include_) {
                if (meta.isMember(ref.sub_attribute)) kept[ref.sub_attribute] = meta[ref.sub_attribute];
            } else {
                kept.removeMember(ref.sub_attribute);
            }
        }
        if (!kept.empty()) out["meta"] = kept;
    }
    return out;
}

}  // namespace scim
