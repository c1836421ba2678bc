#include "fastcgi_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cctype>
#include <cstring>
#include <vector>

namespace itest {
namespace {

// FastCGI 1.0 record types and the RESPONDER role.
constexpr unsigned char kBeginRequest = 1, kEndRequest = 3, kParams = 4, kStdin = 5, kStdout = 6;
constexpr unsigned char kResponder = 1;
constexpr int kRequestId = 1;

void append_record(std::string& out, unsigned char type, const std::string& content) {
    unsigned char header[8] = {1, type, 0, kRequestId, static_cast<unsigned char>(content.size() >> 8),
                               static_cast<unsigned char>(content.size() & 0xff), 0, 0};
    out.append(reinterpret_cast<const char*>(header), sizeof header);
    out += content;
}

// Name-value pair lengths: one byte below 128, else four with the high bit set.
void append_length(std::string& out, std::size_t length) {
    if (length < 128) {
        out += static_cast<char>(length);
        return;
    }
    out += static_cast<char>(((length >> 24) & 0x7f) | 0x80);
    out += static_cast<char>((length >> 16) & 0xff);
    out += static_cast<char>((length >> 8) & 0xff);
    out += static_cast<char>(length & 0xff);
}

bool read_exactly(int fd, char* buffer, std::size_t size) {
    std::size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buffer + got, size - got);
        if (n <= 0) return false;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

void parse_output(const std::string& output, FastcgiResult& result) {
    auto end = output.find("\r\n\r\n");
    if (end == std::string::npos) return;
    result.body = output.substr(end + 4);
    std::size_t at = 0;
    while (at < end) {
        auto line_end = output.find("\r\n", at);
        if (line_end == std::string::npos || line_end > end) line_end = end;
        std::string line = output.substr(at, line_end - at);
        at = line_end + 2;
        auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string name = line.substr(0, colon);
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        result.headers[name] = value;
        if (name == "status") result.status = std::atoi(value.c_str());
    }
}

}  // namespace

FastcgiResult fastcgi_request(const std::string& socket_path, const std::map<std::string, std::string>& params,
                              const std::string& body) {
    FastcgiResult result;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return result;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        close(fd);
        return result;
    }
    std::string out;
    append_record(out, kBeginRequest, std::string{0, static_cast<char>(kResponder), 0, 0, 0, 0, 0, 0});
    std::string pairs;
    for (const auto& [name, value] : params) {
        append_length(pairs, name.size());
        append_length(pairs, value.size());
        pairs += name + value;
    }
    for (std::size_t at = 0; at < pairs.size(); at += 65535) append_record(out, kParams, pairs.substr(at, 65535));
    append_record(out, kParams, "");
    for (std::size_t at = 0; at < body.size(); at += 65535) append_record(out, kStdin, body.substr(at, 65535));
    append_record(out, kStdin, "");
    for (std::size_t at = 0; at < out.size();) {
        ssize_t n = write(fd, out.data() + at, out.size() - at);
        if (n <= 0) {
            close(fd);
            return result;
        }
        at += static_cast<std::size_t>(n);
    }
    std::string output;
    for (;;) {
        unsigned char header[8];
        if (!read_exactly(fd, reinterpret_cast<char*>(header), sizeof header)) break;
        std::size_t length = (static_cast<std::size_t>(header[4]) << 8) | header[5];
        std::vector<char> content(length + header[6]);
        if (!content.empty() && !read_exactly(fd, content.data(), content.size())) break;
        if (header[1] == kStdout) output.append(content.data(), length);
        if (header[1] == kEndRequest) break;
    }
    close(fd);
    parse_output(output, result);
    return result;
}

}  // namespace itest
