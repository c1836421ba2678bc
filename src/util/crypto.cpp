#include "util/crypto.h"

#include <array>
#include <stdexcept>

#include <argon2.h>
#include <uuid/uuid.h>
#include <openssl/evp.h>
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

std::string base64url(const unsigned char* data, std::size_t size) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < size; ++i) {
        buffer = (buffer << 8) | data[i];
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
    return out;
}

}  // namespace

std::string generate_token() {
    std::array<unsigned char, 32> bytes{};
    random_bytes(bytes.data(), bytes.size());
    return "scim_" + base64url(bytes.data(), bytes.size());
}

std::string sha256_hex(std::string_view text) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
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
