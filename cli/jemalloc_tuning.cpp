// jemalloc's settings for landaudit, read by jemalloc at start-up (MALLOC_CONF still overrides).
// The audit frees and reuses a chunk's worth of memory every few seconds; jemalloc's default
// returns freed pages to the kernel after 10 s, so each chunk faulted them in again. Kept 60 s,
// a 1M-parcel run took 141 s instead of 166 s and peaked at 926 MB instead of 757 MB; never
// returned, it peaked at 5.6 GB for no further gain (bench/README.md, "Memory (session 8)").
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:60000,muzzy_decay_ms:60000";
}
