// Ids as 128-bit FNV-1a hashes (the FNV offset basis and prime of draft-eastlake-fnv).
#include "layers/seen_ids.h"

namespace landaudit {

SeenIds::Hash128 SeenIds::fnv1a_128(std::string_view text) {
    using u128 = unsigned __int128;
    constexpr u128 kPrime = (u128(1) << 88) | 0x13B;
    u128 h = (u128(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= kPrime;
    }
    return {static_cast<std::uint64_t>(h >> 64), static_cast<std::uint64_t>(h)};
}

std::optional<long long> SeenIds::first_use(std::string_view id, long long fid) {
    auto [it, inserted] = m_first_fid.emplace(fnv1a_128(id), fid);
    if (inserted) return std::nullopt;
    return it->second;
}

}  // namespace landaudit
