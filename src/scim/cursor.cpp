#include "scim/cursor.h"

#include <json/value.h>

#include "scim/error.h"
#include "util/crypto.h"
#include "util/json_text.h"

namespace scim {
namespace {

// The MAC covers the binding without carrying it: a cursor used with another organisation or
// query fails the same check as an altered one.
std::string mac(std::string_view payload, const CursorBinding& binding, std::string_view key) {
    std::string message = "scim-cursor-1\n" + binding.org_id + "\n" + binding.query + "\n";
    message.append(payload);
    return util::hmac_sha256(key, message);
}

[[noreturn]] void invalid() {
    throw ScimError::invalid_cursor("The cursor is not one this server issued for this query; start again from cursor=");
}

}  // namespace

std::string encode_cursor(const CursorPosition& position, const CursorBinding& binding, long long issued_at_seconds,
                          std::string_view key) {
    Json::Value payload(Json::objectValue);
    payload["k"] = position.key ? Json::Value(*position.key) : Json::Value(Json::nullValue);
    payload["i"] = position.id;
    payload["b"] = position.backward;
    payload["t"] = static_cast<Json::Int64>(issued_at_seconds);
    if (!position.resource_type.empty()) payload["r"] = position.resource_type;
    payload["c"] = static_cast<Json::Int64>(position.count);
    const std::string text = util::to_json_text(payload);
    return util::base64url_encode(text) + "." + util::base64url_encode(mac(text, binding, key));
}

CursorPosition decode_cursor(std::string_view cursor, const CursorBinding& binding, long long now_seconds,
                             long long timeout_seconds, std::string_view key) {
    const std::size_t dot = cursor.find('.');
    if (dot == std::string_view::npos) invalid();
    auto payload = util::base64url_decode(cursor.substr(0, dot));
    auto tag = util::base64url_decode(cursor.substr(dot + 1));
    if (!payload || !tag || !util::equal_in_constant_time(*tag, mac(*payload, binding, key))) invalid();
    // Signed by this server: what follows holds unless the key leaked.
    Json::Value value;
    if (!util::from_json_text(*payload, value) || !value.isObject() || !value["i"].isString() ||
        !value["b"].isBool() || !value["t"].isInt64() || !(value["k"].isString() || value["k"].isNull()) ||
        !(value["r"].isString() || value["r"].isNull()) || !value["c"].isInt64()) {
        invalid();
    }
    if (now_seconds - value["t"].asInt64() > timeout_seconds) {
        throw ScimError::expired_cursor("The cursor is older than the " + std::to_string(timeout_seconds) +
                                        " seconds a cursor lasts (cursorTimeout); start again from cursor=");
    }
    CursorPosition position;
    if (value["k"].isString()) position.key = value["k"].asString();
    position.id = value["i"].asString();
    position.backward = value["b"].asBool();
    if (value["r"].isString()) position.resource_type = value["r"].asString();
    position.count = value["c"].asInt64();
    return position;
}

}  // namespace scim
