// Fuzz target: the audit config (io/config/config_loader.h, load_config). Its entry point takes a
// file path, so each input is written to audit.toml in a private temporary directory.
// Input: the text of an audit TOML file.
// Asserts, besides no crash, hang, sanitizer report or exception other than AuditError:
// - an error names the config file (every problem of a ValidationError starts with its path) and
//   its message is valid UTF-8;
// - an accepted config holds what the loader promises: the required layers (parks, parcels,
//   redline, farmland) with a path; as_of, when set, a date that parse_civil_date reads back (the
//   engine reads it that way); min_overlap_m2 and area_tolerance_pct finite and ≥ 0; threads 0..4096;
//   fee_rate in [0, 1]; age buckets ascending and positive; the year 1900..2100; candidate weights
//   finite; every text valid UTF-8.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/config/config_loader.h"
#include "layers/civil_date.h"
#include "layers/error.h"
#include "layers/layer_role.h"
#include "layers/utf8_text.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_temp_dir.h"

namespace {

using landaudit::fuzz::escaped;

void check_accepted(const landaudit::AuditConfig& cfg, const std::string& input) {
    const std::string in = "config \"" + escaped(input.substr(0, 300)) + "\": ";
    for (landaudit::LayerRole role : landaudit::kAllRoles) {
        const auto it = cfg.layers.find(role);
        if (landaudit::is_required_role(role))
            FUZZ_CHECK(it != cfg.layers.end(), in + "accepted without [" + std::string(landaudit::role_key(role)) + "]");
        if (it == cfg.layers.end()) continue;
        const landaudit::LayerSource& src = it->second;
        FUZZ_CHECK(!src.path.empty(), in + "accepted with an empty path");
        for (const std::string* text : {&src.path, &src.layer, &src.where, &src.encoding, &src.crs})
            FUZZ_CHECK(landaudit::fuzz::is_utf8(*text), in + "layer text is not UTF-8: " + escaped(*text));
        for (const auto& [key, field] : src.fields) FUZZ_CHECK(landaudit::fuzz::is_utf8(key) && landaudit::fuzz::is_utf8(field), in + "field name not UTF-8");
    }
    if (cfg.as_of) {
        const auto date = landaudit::parse_civil_date(*cfg.as_of);
        FUZZ_CHECK(date && date->iso() == *cfg.as_of, in + "as_of " + *cfg.as_of + " does not read back as a date");
    }
    FUZZ_CHECK(std::isfinite(cfg.min_overlap_m2) && cfg.min_overlap_m2 >= 0, in + "min_overlap_m2");
    FUZZ_CHECK(cfg.threads >= 0 && cfg.threads <= 4096, in + "threads");
    FUZZ_CHECK(std::isfinite(cfg.idle.fee_rate) && cfg.idle.fee_rate >= 0 && cfg.idle.fee_rate <= 1, in + "fee_rate");
    const auto& buckets = cfg.unsupplied.age_buckets;
    for (std::size_t i = 0; i < buckets.size(); ++i)
        FUZZ_CHECK(std::isfinite(buckets[i]) && buckets[i] > 0 && (i == 0 || buckets[i] > buckets[i - 1]),
                   in + "age_buckets not ascending positive years");
    FUZZ_CHECK(std::isfinite(cfg.unsupplied.area_tolerance_pct) && cfg.unsupplied.area_tolerance_pct >= 0,
               in + "area_tolerance_pct");
    if (cfg.intensity.year) FUZZ_CHECK(*cfg.intensity.year >= 1900 && *cfg.intensity.year <= 2100, in + "year");
    for (const auto& [kind, weight] : cfg.candidates.kind_weight)
        FUZZ_CHECK(std::isfinite(weight), in + "kind_weight." + kind + " is not finite");
    FUZZ_CHECK(std::isfinite(cfg.candidates.per_year) && std::isfinite(cfg.candidates.per_mu),
               in + "per_year / per_mu not finite");
    FUZZ_CHECK(landaudit::fuzz::is_utf8(cfg.name) && landaudit::fuzz::is_utf8(cfg.working_crs) && landaudit::fuzz::is_utf8(cfg.output_path), in + "text not UTF-8");
}

void check_error(const landaudit::AuditError& e, const std::string& path, const std::string& input) {
    const std::string message = e.what();
    const std::string in = "config \"" + escaped(input.substr(0, 300)) + "\": error \"" + escaped(message) + "\" ";
    FUZZ_CHECK(landaudit::fuzz::is_utf8(message) && landaudit::fuzz::is_utf8(e.hint()), in + "is not valid UTF-8");
    FUZZ_CHECK(message.find(path) != std::string::npos, in + "does not name the file");
    if (const auto* v = dynamic_cast<const landaudit::ValidationError*>(&e)) {
        FUZZ_CHECK(!v->problems().empty(), in + "is a ValidationError without problems");
        for (const std::string& p : v->problems())
            FUZZ_CHECK(p.rfind(path, 0) == 0, in + "has a problem that does not start with the file: " + escaped(p));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    const std::string path = landaudit::fuzz::write_temp_file("audit.toml", input);
    try {
        check_accepted(landaudit::load_config(path), input);
    } catch (const landaudit::AuditError& e) {  // the documented failure; anything else escapes and aborts
        check_error(e, path, input);
    }
    return 0;
}
