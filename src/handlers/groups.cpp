#include "handlers/groups.h"

#include <algorithm>
#include <map>
#include <set>

#include "handlers/resource_support.h"
#include "handlers/write_pipeline.h"
#include "scim/error.h"
#include "scim/json.h"
#include "scim/patch/patch_engine.h"
#include "scim/patch/patch_request.h"
#include "scim/resource_codec.h"
#include "scim/uuid.h"
#include "store/group_store.h"
#include "util/crypto.h"
#include "util/ascii.h"
#include "util/json_text.h"

namespace handlers {
namespace {

using scim::ScimError;

const scim::schema::ResourceType& group_type(const app::Context& ctx) { return *ctx.registry.resource_type("Group"); }

[[noreturn]] void not_found(const std::string& id) { throw ScimError::not_found("Group '" + id + "' not found"); }

bool wants_members(const app::Context& ctx, const scim::Projection& projection) {
    return projection.wants(group_type(ctx).schema, "members");
}

Json::Value member_json(const app::Context& ctx, const store::MemberRow& member) {
    Json::Value value(Json::objectValue);
    value["value"] = member.id;
    value["$ref"] = location(ctx, *ctx.registry.resource_type(member.type), member.id);
    value["type"] = member.type;
    if (!member.display.empty()) value["display"] = member.display;
    return value;
}

// A group in a list: members as JSON values (lists are bounded by maxResults).
Json::Value render(app::Context& ctx, const store::ResourceRecord& record, const scim::Projection& projection) {
    Json::Value rendered = render_record(ctx, group_type(ctx), record);
    Json::Value group = projection.is_default() ? std::move(rendered) : projection.apply(rendered);
    if (wants_members(ctx, projection)) {
        Json::Value members(Json::arrayValue);
        store::GroupStore(ctx.db).for_each_member(ctx.tenant, record.id, [&](const store::MemberRow& member) {
            members.append(member_json(ctx, member));
        });
        if (!members.empty()) group["members"] = std::move(members);
    }
    return group;
}

// One group: the members are written straight into the response text as they stream from
// the database, so a group of 100,000 members is held once, as text, not as a JSON tree too.
http::Response group_response(app::Context& ctx, const http::Request& request, int status,
                              const store::ResourceRecord& record) {
    scim::Projection projection = projection_of(ctx, request, group_type(ctx));
    http::Response response =
        resource_response(ctx, group_type(ctx), status, record,
                          projection.is_default() ? render_record(ctx, group_type(ctx), record)
                                                  : projection.apply(render_record(ctx, group_type(ctx), record)));
    if (!wants_members(ctx, projection)) return response;
    std::string members;
    const std::string users_base = location(ctx, *ctx.registry.resource_type("User"), "");
    const std::string groups_base = location(ctx, group_type(ctx), "");
    store::GroupStore(ctx.db).for_each_member(ctx.tenant, record.id, [&](const store::MemberRow& member) {
        // Written by hand: a JSON tree per member would cost more than the rows themselves.
        members += members.empty() ? "[{\"value\":" : ",{\"value\":";
        util::append_json_string(members, member.id);
        members += ",\"$ref\":";
        util::append_json_string(members, (member.type == "Group" ? groups_base : users_base) + member.id);
        members += ",\"type\":";
        util::append_json_string(members, member.type);
        if (!member.display.empty()) {
            members += ",\"display\":";
            util::append_json_string(members, member.display);
        }
        members += "}";
    });
    if (members.empty()) return response;
    members += "]";
    std::string& body = response.body;
    // The compact object ends with '}': splice the member list in before it.
    body.pop_back();
    body += ",\"members\":" + members + "}";
    return response;
}

// Member values must name users or groups of the same organisation (RFC 7643 §4.2); the
// same member twice is stored once; a group may not contain itself, even indirectly.
std::vector<store::MemberRef> checked_members(app::Context& ctx, store::GroupStore& groups, const std::string& group_id,
                                              const std::vector<Json::Value>& elements) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    std::vector<std::pair<std::string, std::string>> declared;  // id, type as the client said
    std::map<std::string, std::string> displays;                // id, the display text sent
    for (const auto& element : elements) {
        const Json::Value& value = element["value"];
        if (!value.isString() || !scim::is_uuid(value.asString())) {
            throw ScimError::invalid_value("Member '" + (value.isString() ? value.asString() : std::string("?")) +
                                           "' is not a user or group of this organisation");
        }
        std::string id = scim::canonical_uuid(value.asString());
        if (seen.insert(id).second) ids.push_back(id);
        if (element.isMember("type")) declared.emplace_back(id, element["type"].asString());
        if (element["display"].isString() && !element["display"].asString().empty()) {
            displays[id] = element["display"].asString();
        }
    }
    if (ids.empty()) return {};
    groups.lock_member_adds(ctx.tenant);
    std::vector<store::MemberRef> found = groups.resolve_members(ctx.tenant, ids);
    std::map<std::string, std::string> types;
    for (const auto& member : found) types[member.id] = member.type;
    for (const auto& id : ids) {
        if (!types.count(id)) throw ScimError::invalid_value("Member '" + id + "' is not a user or group of this organisation");
    }
    for (const auto& [id, type] : declared) {
        if (!util::iequals(types[id], type)) {
            throw ScimError::invalid_value("Member '" + id + "' is a " + types[id] + ", not a " + type);
        }
    }
    bool nests = !group_id.empty() && std::any_of(found.begin(), found.end(),
                                                   [](const store::MemberRef& m) { return m.type == "Group"; });
    if (nests) groups.lock_nesting(ctx.tenant);
    for (const auto& member : found) {
        if (member.type == "Group" && !group_id.empty() && groups.would_cycle(ctx.tenant, group_id, member.id)) {
            throw ScimError::invalid_value("Adding group '" + member.id + "' as a member would create a cycle");
        }
    }
    for (auto& member : found) {
        auto sent = displays.find(member.id);
        if (sent != displays.end()) member.display = sent->second;
    }
    return found;
}

std::vector<Json::Value> elements_of(const Json::Value& array) {
    std::vector<Json::Value> elements;
    if (array.isArray()) {
        for (const auto& element : array) elements.push_back(element);
    }
    return elements;
}

struct DecodedGroup {
    Json::Value attributes;            // without members
    std::vector<Json::Value> members;  // normalized member values
};

DecodedGroup decoded_group(const app::Context& ctx, const http::Request& request) {
    scim::DecodedResource decoded =
        scim::decode_resource(ctx.registry, group_type(ctx), scim::json::parse_body(request.body));
    DecodedGroup group;
    group.members = elements_of(decoded.attributes["members"]);
    decoded.attributes.removeMember("members");
    group.attributes = std::move(decoded.attributes);
    return group;
}

// The pipeline's view of this request's group (write_pipeline.h).
WritableStore writable(app::Context& ctx, store::GroupStore& groups, const std::string& id) {
    return {[&ctx, &groups](const store::WriteClaim& claim) { return groups.claim_for_update(ctx.tenant, claim); },
            [&ctx, &groups, id] { return groups.get(ctx.tenant, id); }};
}

RecordAnswer group_answer(app::Context& ctx, const http::Request& request) {
    return [&ctx, &request](int status, const store::ResourceRecord& record) {
        return group_response(ctx, request, status, record);
    };
}

// A PATCH of a locked group: the attributes by the PATCH engine, the members through the
// member storage protocol (scim/patch/members.h), deferred to here by the engine.
http::Response apply_group_patch(app::Context& ctx, const http::Request& request, store::GroupStore& groups,
                                 const store::ResourceRecord& existing,
                                 const std::vector<scim::patch::Operation>& operations, const RecordAnswer& answer) {
    const std::string& id = existing.id;
    scim::patch::PatchResult result =
        scim::patch::apply_patch(ctx.registry, group_type(ctx), id, existing.attributes(), operations, {"members"});
    long long members_changed = 0;
    // The lock on member additions before any member row changes (the lock order in
    // store/resource_record.h): a removal ahead of an addition would take them the other way round.
    const bool adds = std::any_of(result.deferred.begin(), result.deferred.end(), [](const auto& change) {
        return change.kind == scim::patch::DeferredChange::Kind::Add ||
               change.kind == scim::patch::DeferredChange::Kind::ReplaceAll;
    });
    if (adds) groups.lock_member_adds(ctx.tenant);
    for (const auto& change : result.deferred) {
        using Kind = scim::patch::DeferredChange::Kind;
        switch (change.kind) {
            case Kind::Add:
                members_changed += groups.add_members(ctx.tenant, id, checked_members(ctx, groups, id, change.values));
                break;
            case Kind::ReplaceAll:
                members_changed += groups.remove_all_members(ctx.tenant, id);
                members_changed += groups.add_members(ctx.tenant, id, checked_members(ctx, groups, id, change.values));
                break;
            case Kind::RemoveAll:
                members_changed += groups.remove_all_members(ctx.tenant, id);
                break;
            case Kind::Remove: {
                std::vector<std::string> ids;
                for (const auto& value : change.values) {
                    const Json::Value& member = value["value"];
                    // An id that is not a UUID names no member: nothing to remove.
                    if (member.isString() && scim::is_uuid(member.asString())) {
                        ids.push_back(scim::canonical_uuid(member.asString()));
                    }
                }
                members_changed += groups.remove_members(ctx.tenant, id, ids);
                break;
            }
        }
    }
    store::ResourceRecord record = existing;
    if (result.attributes != existing.attributes() || members_changed > 0) {
        record = groups.replace(ctx.tenant, id, result.attributes, members_changed > 0);
    }
    return patch_answer(ctx, request, record, answer);
}

}  // namespace

http::Response create_group(app::Context& ctx, const http::Request& request) {
    DecodedGroup group = decoded_group(ctx, request);
    store::GroupStore groups(ctx.db);
    store::Transaction transaction(ctx.db);
    const std::string id = util::random_uuid();
    if (auto earlier = claim_write(ctx, "Group", id, "create")) {
        auto record = groups.get(ctx.tenant, *earlier);
        // Created by this request's first attempt, deleted since.
        if (!record) throw scim::ScimError::not_found("Group '" + *earlier + "' not found");
        return group_response(ctx, request, 201, *record);
    }
    auto members = checked_members(ctx, groups, "", group.members);
    auto record = groups.create(ctx.tenant, id, group.attributes);
    groups.add_members(ctx.tenant, record.id, members);
    // The response is read inside the transaction: once committed, a write is answered
    // without touching the database again, so an acknowledged write and a stored one agree.
    http::Response response = group_response(ctx, request, 201, record);
    transaction.commit();
    return response;
}

http::Response get_group(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "Group");
    auto record = store::GroupStore(ctx.db).get(ctx.tenant, id);
    if (!record) not_found(raw_id);
    if (auto unchanged = not_modified(request, *record)) return *unchanged;
    return group_response(ctx, request, 200, *record);
}

http::Response list_groups(app::Context& ctx, const http::Request& request) {
    return search_groups(ctx, query_of(ctx, request));
}

http::Response search_groups(app::Context& ctx, const http::Request& request) {
    return search_groups(ctx, search_request_of(ctx, request));
}

http::Response search_groups(app::Context& ctx, const scim::ListQuery& query) {
    return list_resources(ctx, group_type(ctx), store::ColumnMap::groups(), query,
                          [&](const std::vector<store::ResourceRecord>& records, const scim::Projection& projection) {
                              return texts_of(render_groups(ctx, records, projection));
                          });
}

http::Response replace_group(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "Group");
    DecodedGroup group = decoded_group(ctx, request);
    store::GroupStore groups(ctx.db);
    return locked_write(ctx, request, {"Group", id, raw_id, "replace"}, writable(ctx, groups, id),
                        group_answer(ctx, request), [&](const store::ResourceRecord& existing) {
                            scim::check_immutable(ctx.registry, group_type(ctx), existing.attributes(), group.attributes);
                            auto members = checked_members(ctx, groups, id, group.members);
                            // PUT replaces the member list: remove those not named, add the new ones.
                            std::vector<std::string> keep;
                            for (const auto& member : members) keep.push_back(member.id);
                            long long changed = groups.retain_members(ctx.tenant, id, keep);
                            changed += groups.add_members(ctx.tenant, id, members);
                            auto record = groups.replace(ctx.tenant, id, group.attributes, changed > 0);
                            return group_response(ctx, request, 200, record);
                        });
}

http::Response patch_group(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "Group");
    auto operations = scim::patch::parse_patch_request(scim::json::parse_body(request.body));
    store::GroupStore groups(ctx.db);
    // The row lock serializes concurrent changes of one group, so no member change is lost.
    const RecordAnswer answer = group_answer(ctx, request);
    return locked_write(ctx, request, {"Group", id, raw_id, "patch"}, writable(ctx, groups, id), answer,
                        [&](const store::ResourceRecord& existing) {
                            return apply_group_patch(ctx, request, groups, existing, operations, answer);
                        });
}

http::Response delete_group(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "Group");
    store::GroupStore groups(ctx.db);
    return locked_write(ctx, request, {"Group", id, raw_id, "delete"}, writable(ctx, groups, id),
                        group_answer(ctx, request), [&](const store::ResourceRecord&) {
                            groups.remove(ctx.tenant, id);
                            return http::Response::no_content();
                        });
}

Json::Value render_groups(app::Context& ctx, const std::vector<store::ResourceRecord>& records,
                          const scim::Projection& projection) {
    Json::Value groups(Json::arrayValue);
    for (const auto& record : records) groups.append(render(ctx, record, projection));
    return groups;
}

}  // namespace handlers
