// A FastCGI client that talks to the workers' unix socket directly, bypassing nginx, for
// what nginx does not let a client choose: here, sending one request id twice, as nginx
// does when it passes a request to a second worker after the first died.
#pragma once

#include <map>
#include <string>

namespace itest {

struct FastcgiResult {
    int status = 0;  // from the Status: header; 0 when the worker did not answer
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
};

// One FastCGI RESPONDER request (FCGI_KEEP_CONN off) with these params and stdin.
FastcgiResult fastcgi_request(const std::string& socket_path, const std::map<std::string, std::string>& params,
                              const std::string& body);

}  // namespace itest
