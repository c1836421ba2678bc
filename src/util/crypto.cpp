#include "util/crypto.h"

#include <array>
#include <optional>
#include <stdexcept>

#include <argon2.h>
#include <uuid/uuid.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

namespace util {
namespace {

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kArgonMemoryKiB = 19456;
constexpr uint32_t kArgonPasses = 2;
constexpr uint32_t kArgonLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

void random_bytes(unsigned char* out, std::size_t size) {
    if (RAND_bytes(out, static_cast<int>(size)) != 1) throw std::runtime_error("RAND_bytes failed");
}

}  // namespace

std::string generate_token(const char* prefix) {
    std::array<unsigned char, 32> bytes{};
    random_bytes(bytes.data(), bytes.size());
    return prefix + base64url_encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

// OpenSSL's base64 with the URL-safe alphabet of RFC 4648 §5 and no padding.
std::string base64url_encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(length));
    while (!out.empty() && out.back() == '=') out.pop_back();
    for (char& c : out) {
        if (c == '+') c = '-';
        if (c == '/') c = '_';
    }
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    if (text.size() % 4 == 1) return std::nullopt;
    std::string standard(text);
    for (char& c : standard) {
        if (c == '-') c = '+';
        else if (c == '_') c = '/';
        else if (c == '+' || c == '/' || c == '=') return std::nullopt;
    }
    const std::size_t padding = (4 - standard.size() % 4) % 4;
    standard.append(padding, '=');
    std::string out(3 * (standard.size() / 4) + 1, '\0');
    // EVP_DecodeBlock skips leading and trailing blanks; a cursor has none to skip.
    if (standard.find_first_of(" \t\r\n") != std::string::npos) return std::nullopt;
    int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                 reinterpret_cast<const unsigned char*>(standard.data()),
                                 static_cast<int>(standard.size()));
    if (length < 0) return std::nullopt;
    // EVP_DecodeBlock counts the padding as zero bytes.
    out.resize(static_cast<std::size_t>(length) - padding);
    if (base64url_encode(out) != text) return std::nullopt;  // non-canonical trailing bits
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) return std::nullopt;
    std::string url_safe(text);
    std::size_t padding = 0;
    while (!url_safe.empty() && url_safe.back() == '=' && padding < 2) {
        url_safe.pop_back();
        ++padding;
    }
    for (char& c : url_safe) {
        if (c == '+') c = '-';
        else if (c == '/') c = '_';
        else if (c == '-' || c == '_') return std::nullopt;
    }
    return base64url_decode(url_safe);
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
             data.size(), digest, &length) == nullptr) {
        throw std::runtime_error("HMAC-SHA-256 failed");
    }
    return std::string(reinterpret_cast<const char*>(digest), length);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256_hex(std::string_view text) {
    // Fetched once: with EVP_sha256() OpenSSL 3 looks the implementation up in its provider
    // on every call, a twentieth of a worker's CPU for a read (every request hashes its token).
    static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (kSha256 == nullptr || EVP_Digest(text.data(), text.size(), digest, &length, kSha256, nullptr) != 1) {
        throw std::runtime_error("SHA-256 failed");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(length * 2);
    for (unsigned int i = 0; i < length; ++i) {
        out.push_back(kHex[digest[i] >> 4]);
        out.push_back(kHex[digest[i] & 0x0F]);
    }
    return out;
}

std::string hash_password(std::string_view password) {
    std::array<unsigned char, kSaltBytes> salt{};
    random_bytes(salt.data(), salt.size());
    std::size_t encoded_size =
        argon2_encodedlen(kArgonPasses, kArgonMemoryKiB, kArgonLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(encoded_size, '\0');
    int rc = argon2id_hash_encoded(kArgonPasses, kArgonMemoryKiB, kArgonLanes, password.data(), password.size(),
                                   salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id failed: ") + argon2_error_message(rc));
    encoded.resize(encoded.find('\0'));
    return encoded;
}

bool verify_password(std::string_view password, const std::string& encoded_hash) {
    return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

std::string random_uuid() {
    uuid_t uuid;
    uuid_generate_random(uuid);
    char text[37];
    uuid_unparse_lower(uuid, text);
    return text;
}

}  // namespace util
