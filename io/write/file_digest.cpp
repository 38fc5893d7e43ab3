// SHA-256 through OpenSSL's EVP interface (Debian's libssl).
#include "io/write/file_digest.h"

#include <openssl/evp.h>

#include <fstream>
#include <memory>

#include "layers/error.h"

namespace landaudit {

namespace {

struct DigestContext {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), &EVP_MD_CTX_free};
    DigestContext() {
        if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
            throw AuditError(AuditError::Kind::Internal, "OpenSSL cannot start a SHA-256 digest");
    }
    void update(const char* data, std::size_t n) { EVP_DigestUpdate(ctx.get(), data, n); }
    std::string hex() {
        unsigned char md[EVP_MAX_MD_SIZE];
        unsigned int len = 0;
        EVP_DigestFinal_ex(ctx.get(), md, &len);
        static const char* digits = "0123456789abcdef";
        std::string s;
        for (unsigned int i = 0; i < len; ++i) {
            s += digits[md[i] >> 4];
            s += digits[md[i] & 15];
        }
        return s;
    }
};

}  // namespace

std::string sha256_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw AuditError(AuditError::Kind::Input, path + ": cannot read the file to record its SHA-256");
    DigestContext d;
    char buf[1 << 16];
    while (in) {
        in.read(buf, sizeof buf);
        d.update(buf, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw AuditError(AuditError::Kind::Input, path + ": read error while recording its SHA-256");
    return d.hex();
}

std::string sha256_of_bytes(const std::string& bytes) {
    DigestContext d;
    d.update(bytes.data(), bytes.size());
    return d.hex();
}

}  // namespace landaudit
