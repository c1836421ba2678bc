#include "handlers/users.h"

#include <optional>
#include <utility>

#include <stdexcept>

#include "handlers/resource_support.h"
#include "handlers/write_pipeline.h"
#include "scim/error.h"
#include "scim/json.h"
#include "scim/patch/patch_engine.h"
#include "scim/patch/patch_request.h"
#include "scim/resource_codec.h"
#include "store/audit_store.h"
#include "store/user_store.h"
#include "util/ascii.h"
#include "util/crypto.h"
#include "util/json_text.h"

namespace handlers {
namespace {

using scim::ScimError;

const scim::schema::ResourceType& user_type(const app::Context& ctx) { return *ctx.registry.resource_type("User"); }

// The store for this request's users: User.groups $ref under the organisation's /Groups/.
store::UserStore user_store(app::Context& ctx) {
    return store::UserStore(ctx.db, location(ctx, *ctx.registry.resource_type("Group"), ""));
}

// A user's JSON text with User.groups when the store read them: written around the stored
// text where no projection applies (no tree parsed, copied and written), else rendered and
// projected.
std::string render_text(app::Context& ctx, const store::UserRecord& record, const scim::Projection& projection) {
    if (projection.is_default()) {
        std::string groups = record.groups_json.empty() ? "" : "\"groups\":" + record.groups_json;
        return scim::render_resource_text(user_type(ctx), record.attributes_json, record.extensions,
                                          resource_meta(ctx, user_type(ctx), record), groups);
    }
    Json::Value user = render_record(ctx, user_type(ctx), record);
    if (!record.groups_json.empty()) {
        Json::Value groups;
        if (!util::from_json_text(record.groups_json, groups)) throw std::runtime_error("User.groups is not JSON");
        user["groups"] = std::move(groups);
    }
    return util::to_json_text(projection.apply(user));
}

http::Response user_response(app::Context& ctx, const http::Request& request, int status,
                             const store::UserRecord& record) {
    return resource_response(ctx, user_type(ctx), status, record,
                             render_text(ctx, record, projection_of(ctx, request, user_type(ctx))));
}

[[noreturn]] void not_found(const std::string& id) { throw ScimError::not_found("User '" + id + "' not found"); }

// `active` is the IdP's lifecycle switch, so only the client turns it: a user created without
// it is active; a PUT without it keeps the stored value (an IdP that deactivated a user and
// later PUTs the profile must not re-activate it); a PATCH that removes it deactivates.
void keep_active(Json::Value& attributes, bool when_absent) {
    if (!attributes.isMember("active")) attributes["active"] = when_absent;
}

store::UserWrite decoded_user(const app::Context& ctx, const http::Request& request) {
    scim::DecodedResource decoded =
        scim::decode_resource(ctx.registry, user_type(ctx), scim::json::parse_body(request.body));
    store::UserWrite write{std::move(decoded.attributes), std::nullopt};
    if (decoded.password) write.password_hash = util::hash_password(*decoded.password);
    return write;
}

// argon2id takes tens of milliseconds of CPU: a PATCH's new password is hashed before the
// row is locked, so the lock is held for the write alone. Operations apply in order, so the
// password set is the last one given (path "password", URN-qualified or not, or a "password"
// member of a path-less value); only that one is hashed, whatever the request holds.
std::optional<std::pair<std::string, std::string>> password_hash(const std::vector<scim::patch::Operation>& operations) {
    std::optional<std::string> last;
    auto names_password = [](std::string_view name) {
        const std::size_t colon = name.rfind(':');
        return util::iequals(colon == std::string_view::npos ? name : name.substr(colon + 1), "password");
    };
    for (const auto& operation : operations) {
        if (!operation.value) continue;
        const Json::Value& value = *operation.value;
        if (operation.path && names_password(*operation.path) && value.isString()) {
            last = value.asString();
        } else if (!operation.path && value.isObject()) {
            for (auto it = value.begin(); it != value.end(); ++it) {
                if (names_password(it.name()) && it->isString()) last = it->asString();
            }
        }
    }
    if (!last) return std::nullopt;
    return std::make_pair(*last, util::hash_password(*last));
}

[[noreturn]] void user_name_taken(const Json::Value& attributes) {
    throw ScimError::uniqueness("userName '" + attributes["userName"].asString() + "' is already taken");
}

// Runs a write and turns a userName collision into 409 uniqueness (RFC 7644 §3.3).
template <typename Fn>
auto unique_user_name(const Json::Value& attributes, Fn&& write) -> decltype(write()) {
    try {
        return write();
    } catch (const store::StoreError& e) {
        if (e.kind() == store::StoreError::Kind::Uniqueness) user_name_taken(attributes);
        throw;
    }
}

// The pipeline's view of this request's user (write_pipeline.h).
WritableStore writable(app::Context& ctx, store::UserStore& users, const std::string& id) {
    return {[&ctx, &users](const store::WriteClaim& claim) { return users.claim_for_update(ctx.tenant, claim); },
            [&ctx, &users, id] { return users.get(ctx.tenant, id, true); }};
}

RecordAnswer user_answer(app::Context& ctx, const http::Request& request) {
    return [&ctx, &request](int status, const store::ResourceRecord& record) {
        return user_response(ctx, request, status, record);
    };
}

}  // namespace

http::Response create_user(app::Context& ctx, const http::Request& request) {
    store::UserWrite write = decoded_user(ctx, request);
    keep_active(write.attributes, true);
    store::UserStore users = user_store(ctx);
    const store::WriteClaim claim{ctx.request_id, "User", util::random_uuid(), "create"};
    // One statement that commits on its own; the response is what it returned, so an
    // acknowledged write and a stored one agree.
    auto record = unique_user_name(write.attributes, [&] { return users.create(ctx.tenant, claim, write); });
    if (record) return user_response(ctx, request, 201, *record);
    // An earlier attempt of this request created the user.
    const std::string earlier = store::AuditStore(ctx.db).earlier(ctx.tenant, ctx.request_id);
    auto stored = users.get(ctx.tenant, earlier, true);
    if (!stored) not_found(earlier);  // deleted since
    return user_response(ctx, request, 201, *stored);
}

http::Response get_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "User");
    scim::Projection projection = projection_of(ctx, request, user_type(ctx));
    const app::UserReadAhead* ahead = ctx.user_read_ahead;
    // Read with the token (app::UserReadAhead), groups included: a projection drops them.
    const bool read_ahead = ahead != nullptr && ahead->user_id == id &&
                            ahead->groups_base == location(ctx, *ctx.registry.resource_type("Group"), "");
    auto record = read_ahead ? ahead->user
                             : user_store(ctx).get(ctx.tenant, id, projection.wants(user_type(ctx).schema, "groups"));
    if (!record) not_found(raw_id);
    if (auto unchanged = not_modified(request, *record)) return *unchanged;
    return resource_response(ctx, user_type(ctx), 200, *record, render_text(ctx, *record, projection));
}

http::Response list_users(app::Context& ctx, const http::Request& request) {
    return search_users(ctx, query_of(ctx, request));
}

http::Response search_users(app::Context& ctx, const http::Request& request) {
    return search_users(ctx, search_request_of(ctx, request));
}

http::Response search_users(app::Context& ctx, const scim::ListQuery& query) {
    return list_resources(ctx, user_type(ctx), store::ColumnMap::users(), query,
                          [&](const std::vector<store::ResourceRecord>& records, const scim::Projection& projection) {
                              return render_users(ctx, records, projection);
                          });
}

http::Response replace_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "User");
    store::UserWrite write = decoded_user(ctx, request);
    store::UserStore users = user_store(ctx);
    return locked_write(ctx, request, {"User", id, raw_id, "replace"}, writable(ctx, users, id), user_answer(ctx, request),
                        [&](const store::ResourceRecord& existing) {
                            scim::check_immutable(ctx.registry, user_type(ctx), existing.attributes(), write.attributes);
                            keep_active(write.attributes, existing.attributes().get("active", true).asBool());
                            auto record = unique_user_name(write.attributes, [&] { return users.replace(ctx.tenant, id, write); });
                            return user_response(ctx, request, 200, record);
                        });
}

http::Response patch_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "User");
    auto operations = scim::patch::parse_patch_request(scim::json::parse_body(request.body));
    const auto hashed_password = password_hash(operations);
    store::UserStore users = user_store(ctx);
    // The row lock serializes concurrent PATCHes of one user: none is lost (RFC 7644 §3.5.2).
    const RecordAnswer answer = user_answer(ctx, request);
    return locked_write(ctx, request, {"User", id, raw_id, "patch"}, writable(ctx, users, id), answer,
                        [&](const store::ResourceRecord& existing) {
                            scim::patch::PatchResult result = scim::patch::apply_patch(
                                ctx.registry, user_type(ctx), id, existing.attributes(), operations);
                            if (!result.changed) return patch_answer(ctx, request, existing, answer);
                            keep_active(result.attributes, false);
                            store::UserWrite write{result.attributes, std::nullopt};
                            if (result.password) {
                                write.password_hash = hashed_password && hashed_password->first == *result.password
                                                          ? hashed_password->second
                                                          : util::hash_password(*result.password);
                            }
                            // A 204 carries only the ETag: User.groups is read when it is answered.
                            auto record = unique_user_name(write.attributes, [&] {
                                return users.replace(ctx.tenant, id, write, asks_for_attributes(ctx, request));
                            });
                            return patch_answer(ctx, request, record, answer);
                        });
}

http::Response delete_user(app::Context& ctx, const http::Request& request, const std::string& raw_id) {
    std::string id = checked_id(raw_id, "User");
    store::UserStore users = user_store(ctx);
    return locked_write(ctx, request, {"User", id, raw_id, "delete"}, writable(ctx, users, id), user_answer(ctx, request),
                        [&](const store::ResourceRecord&) {
                            users.remove(ctx.tenant, id);
                            return http::Response::no_content();
                        });
}

std::vector<std::string> render_users(app::Context& ctx, const std::vector<store::ResourceRecord>& records,
                                      const scim::Projection& projection) {
    std::vector<std::string> users;
    users.reserve(records.size());
    for (const auto& record : records) users.push_back(render_text(ctx, record, projection));
    return users;
}

}  // namespace handlers
