// A plain HTTP response: status, headers and body, written back by fcgi/.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <json/value.h>

namespace http {

inline constexpr const char* kScimContentType = "application/scim+json; charset=utf-8";

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void set_header(std::string name, std::string value);
    const std::string* header(const std::string& name) const;

    // A SCIM JSON response (RFC 7644 §3.1 media type).
    static Response json(int status, const Json::Value& body);
    // The same with a body already written as JSON text.
    static Response json_text(int status, std::string body);
    static Response no_content();
};

// The reason phrase for a status code ("Not Found").
const char* reason_phrase(int status);

}  // namespace http
