// The feature ids met so far in a layer, for duplicate_id: a layer read in chunks reports a
// duplicate in a later chunk too. A province has millions of ids, so each is kept as a 128-bit
// FNV-1a hash with the fid that first used it (about 48 bytes an id, whatever the id's length),
// not as a copy of the text. Two different ids share a hash with a chance of about n²/2¹²⁹
// (10⁻²⁵ for ten million ids); if they did, the second would be reported as a duplicate of the
// first, a diagnostic only: no figure depends on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace landaudit {

class SeenIds {
public:
    // Records `id` as used by `fid`, unless an earlier feature used it: then that feature's fid.
    std::optional<long long> first_use(std::string_view id, long long fid);
    void clear() { m_first_fid.clear(); }
    std::size_t size() const { return m_first_fid.size(); }

    struct Hash128 {
        std::uint64_t high = 0, low = 0;
        bool operator==(const Hash128&) const = default;
    };
    static Hash128 fnv1a_128(std::string_view text);

private:
    struct LowBits {  // the hash is already uniform: its low half is the bucket hash
        std::size_t operator()(const Hash128& h) const noexcept { return h.low; }
    };

    std::unordered_map<Hash128, long long, LowBits> m_first_fid;
};

}  // namespace landaudit
