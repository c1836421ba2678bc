// A plain, owned HTTP request: everything a handler may read, copied out of FastCGI
// so nothing past fcgi/ holds libfcgi's pointers (they die at the next accept).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace http {

struct Request {
    std::string method;        // "GET", "POST", ...
    std::string path;          // raw path of REQUEST_URI, without the query string
    std::string query;         // raw query string, without '?'
    std::string content_type;  // CONTENT_TYPE
    std::string authorization; // Authorization header
    std::string host;          // Host header as the client sent it
    std::string scheme = "https";
    std::string request_id;    // nginx $request_id
    std::string if_match;
    std::string if_none_match;
    std::string cookie;  // Cookie header (the portal's session)
    std::string body;

    // "https://host" as the client addressed this server; used for meta.location.
    std::string origin() const { return scheme + "://" + (host.empty() ? "localhost" : host); }
};

}  // namespace http
