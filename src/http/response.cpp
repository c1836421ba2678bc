#include "http/response.h"

#include <strings.h>

#include "util/json_text.h"

namespace http {

void Response::set_header(std::string name, std::string value) {
    for (auto& [key, existing] : headers) {
        if (strcasecmp(key.c_str(), name.c_str()) == 0) {
            existing = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

const std::string* Response::header(const std::string& name) const {
    for (const auto& [key, value] : headers) {
        if (strcasecmp(key.c_str(), name.c_str()) == 0) return &value;
    }
    return nullptr;
}

Response Response::json(int status, const Json::Value& body) {
    return json_text(status, util::to_json_text(body));
}

Response Response::json_text(int status, std::string body) {
    Response response;
    response.status = status;
    response.set_header("Content-Type", kScimContentType);
    response.body = std::move(body);
    return response;
}

Response Response::no_content() {
    Response response;
    response.status = 204;
    return response;
}

const char* reason_phrase(int status) {
    switch (status) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 304: return "Not Modified";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 409: return "Conflict";
        case 412: return "Precondition Failed";
        case 413: return "Payload Too Large";
        case 415: return "Unsupported Media Type";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 501: return "Not Implemented";
        case 503: return "Service Unavailable";
        default: return "Unknown";
    }
}

}  // namespace http
