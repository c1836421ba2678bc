#include "scim/error.h"

#include "scim/schema/schema.h"

namespace scim {

ScimError::ScimError(int status, std::string scim_type, std::string detail)
    : std::runtime_error(detail), status_(status), scim_type_(std::move(scim_type)), detail_(std::move(detail)) {}

ScimError ScimError::invalid_filter(std::string d) { return {400, "invalidFilter", std::move(d)}; }
ScimError ScimError::too_many(std::string d) { return {400, "tooMany", std::move(d)}; }
ScimError ScimError::uniqueness(std::string d) { return {409, "uniqueness", std::move(d)}; }
ScimError ScimError::mutability(std::string d) { return {400, "mutability", std::move(d)}; }
ScimError ScimError::invalid_syntax(std::string d) { return {400, "invalidSyntax", std::move(d)}; }
ScimError ScimError::invalid_path(std::string d) { return {400, "invalidPath", std::move(d)}; }
ScimError ScimError::no_target(std::string d) { return {400, "noTarget", std::move(d)}; }
ScimError ScimError::invalid_value(std::string d) { return {400, "invalidValue", std::move(d)}; }
ScimError ScimError::invalid_version(std::string d) { return {400, "invalidVers", std::move(d)}; }
ScimError ScimError::sensitive(std::string d) { return {403, "sensitive", std::move(d)}; }
ScimError ScimError::invalid_cursor(std::string d) { return {400, "invalidCursor", std::move(d)}; }
ScimError ScimError::expired_cursor(std::string d) { return {400, "expiredCursor", std::move(d)}; }
ScimError ScimError::invalid_count(std::string d) { return {400, "invalidCount", std::move(d)}; }
ScimError ScimError::unauthorized(std::string d) { return {401, "", std::move(d)}; }
ScimError ScimError::forbidden(std::string d) { return {403, "", std::move(d)}; }
ScimError ScimError::not_found(std::string d) { return {404, "", std::move(d)}; }
ScimError ScimError::method_not_allowed(std::string d) { return {405, "", std::move(d)}; }
ScimError ScimError::conflict(std::string d) { return {409, "", std::move(d)}; }
ScimError ScimError::precondition_failed(std::string d) { return {412, "", std::move(d)}; }
ScimError ScimError::payload_too_large(std::string d) { return {413, "", std::move(d)}; }
ScimError ScimError::unsupported_media_type(std::string d) { return {415, "", std::move(d)}; }
ScimError ScimError::not_implemented(std::string d) { return {501, "", std::move(d)}; }
ScimError ScimError::unavailable(std::string d) { return {503, "", std::move(d)}; }
ScimError ScimError::internal(std::string d) { return {500, "", std::move(d)}; }

Json::Value ScimError::to_json() const {
    Json::Value body(Json::objectValue);
    body["schemas"].append(std::string(schema::urn::kError));
    // RFC 7644 §3.12: "status" is the HTTP status code as a string.
    body["status"] = std::to_string(status_);
    if (!scim_type_.empty()) body["scimType"] = scim_type_;
    body["detail"] = detail_;
    return body;
}

}  // namespace scim
