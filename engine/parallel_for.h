// Independent per-item work spread over threads: items are taken in chunks from a shared counter,
// each item is written by exactly one thread, so results do not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace landaudit {

// Calls body(i) for every i in [0, n) on up to `threads` threads (0: all cores). body must only
// touch state of item i (and read shared state). The first exception stops the others and is
// rethrown here.
template <class Body>
void parallel_for(std::size_t n, int threads, Body&& body, std::size_t chunk = 256) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const std::size_t wanted = threads > 0 ? static_cast<std::size_t>(threads) : cores;
    const std::size_t workers = std::max<std::size_t>(1, std::min(wanted, (n + chunk - 1) / chunk));
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto work = [&] {
        try {
            for (std::size_t begin; !failed && (begin = next.fetch_add(chunk)) < n;)
                for (std::size_t i = begin, end = std::min(n, begin + chunk); i < end; ++i) body(i);
        } catch (...) {
            std::lock_guard<std::mutex> lock(failure_mutex);
            if (!failure) failure = std::current_exception();
            failed = true;
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace landaudit
