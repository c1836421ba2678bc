// The one client-error type: a SCIM error (RFC 7644 §3.12) with its HTTP status,
// scimType and detail. Built only through the named constructors; never an invented scimType.
#pragma once

#include <stdexcept>
#include <string>

#include <json/value.h>

namespace scim {

class ScimError : public std::runtime_error {
public:
    int status() const { return status_; }
    const std::string& scim_type() const { return scim_type_; }
    const std::string& detail() const { return detail_; }

    // RFC 7644 §3.12 Table 9 scimType values (all 400 unless noted).
    static ScimError invalid_filter(std::string detail);
    static ScimError too_many(std::string detail);
    static ScimError uniqueness(std::string detail);  // 409
    static ScimError mutability(std::string detail);
    static ScimError invalid_syntax(std::string detail);
    static ScimError invalid_path(std::string detail);
    static ScimError no_target(std::string detail);
    static ScimError invalid_value(std::string detail);
    static ScimError invalid_version(std::string detail);
    static ScimError sensitive(std::string detail);  // 403
    // RFC 9865 §2.1 (pagination errors), all 400.
    static ScimError invalid_cursor(std::string detail);
    static ScimError expired_cursor(std::string detail);
    static ScimError invalid_count(std::string detail);

    // Status-only errors (RFC 7644 §3.12 Table 8).
    static ScimError unauthorized(std::string detail);  // 401
    static ScimError forbidden(std::string detail);     // 403
    static ScimError not_found(std::string detail);     // 404
    static ScimError method_not_allowed(std::string detail);  // 405
    static ScimError conflict(std::string detail);      // 409
    static ScimError precondition_failed(std::string detail);  // 412
    static ScimError payload_too_large(std::string detail);    // 413
    static ScimError unsupported_media_type(std::string detail);  // 415
    static ScimError not_implemented(std::string detail);  // 501
    static ScimError unavailable(std::string detail);      // 503
    static ScimError internal(std::string detail);         // 500

    // The RFC 7644 §3.12 JSON error resource.
    Json::Value to_json() const;

private:
    ScimError(int status, std::string scim_type, std::string detail);

    int status_;
    std::string scim_type_;
    std::string detail_;
};

}  // namespace scim
