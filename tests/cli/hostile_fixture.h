// The hostile-input suite's fixture (issue 9): every case starts from a fresh copy of sample_gis,
// breaks one thing in the copy, runs the real binary and checks, besides what the case asserts,
// that the inputs are byte for byte as the case left them and that nothing but the GeoPackage is
// left beside the output (no temporary, no journal).
#pragma once

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli_runner.h"
#include "gdal_rows.h"
#include "test_config.h"

namespace cli_test {

// Independent of the engine's validator: the RFC 3629 byte patterns.
inline bool is_valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

class HostileFixture : public ::testing::Test {
protected:
    void SetUp() override {
        GDALAllRegister();
        dir = std::make_unique<TempDir>("landaudit-hostile");
        sample = dir->path() / "sample";
        fs::copy(LANDAUDIT_SAMPLE_DIR, sample, fs::copy_options::recursive);
        fs::remove_all(sample / "__pycache__");
    }

    fs::path out_dir() const { return dir->path() / "out"; }
    fs::path output() const { return out_dir() / "sample_audit.gpkg"; }

    // The audit config as text, and edits of it; an edit of text that is not there is a broken test.
    std::string config() const { return read_bytes(sample / "audit.toml"); }
    void set_config(const std::string& text) { write_bytes(sample / "audit.toml", text); }
    void edit_config(const std::string& from, const std::string& to) {
        std::string c = config();
        const auto at = c.find(from);
        if (at == std::string::npos) throw std::logic_error("audit.toml has no '" + from + "'");
        set_config(c.replace(at, from.size(), to));
    }
    // Puts lines just before the first line starting with `anchor` (e.g. "[parcels.fields]").
    void insert_before(const std::string& anchor, const std::string& lines) { edit_config(anchor, lines + anchor); }

    // Calls edit on the features of a layer of a copied input (opened for update with GDAL) and
    // writes back the ones for which it returns true; returns how many were written.
    int update_features(const std::string& file, const std::function<bool(OGRFeature&, int)>& edit,
                        const std::vector<std::string>& open_options = {}) {
        GDALDatasetUniquePtr ds = open_vector((sample / file).string(), open_options, true);
        if (!ds) throw std::runtime_error("cannot open " + file + " for update");
        OGRLayer* l = ds->GetLayer(0);
        int i = 0, written = 0;
        l->ResetReading();
        std::vector<std::unique_ptr<OGRFeature>> changed;
        for (auto& f : *l)
            if (edit(*f, i++)) changed.emplace_back(f->Clone());
        for (auto& f : changed) {
            if (l->SetFeature(f.get()) != OGRERR_NONE) throw std::runtime_error("cannot rewrite a feature of " + file);
            ++written;
        }
        return written;
    }
    // Sets one field of the first `n` features that have it set to the texts given in turn;
    // returns the parcel ids (ZDDM) or row ids changed.
    std::vector<std::string> set_field(const std::string& file, const std::string& field,
                                       const std::vector<std::string>& values, const std::string& id_field) {
        std::vector<std::string> ids;
        std::size_t k = 0;
        update_features(file, [&](OGRFeature& f, int) {
            const int i = f.GetFieldIndex(field.c_str());
            if (i < 0) throw std::logic_error(file + " has no field " + field);
            if (k >= values.size() || !f.IsFieldSetAndNotNull(i)) return false;
            f.SetField(i, values[k++].c_str());
            ids.push_back(f.GetFieldAsString(id_field.c_str()));
            return true;
        });
        if (k != values.size()) throw std::logic_error(file + ": too few features with " + field);
        return ids;
    }

    // Copies the first layer of `file` into `target` (both in the sample copy) with ogr2ogr's
    // options, e.g. {"-f", "GPKG", "-nln", "parcels"}.
    void translate(const std::string& file, const std::string& target, const std::vector<std::string>& options,
                   const std::vector<std::string>& open_options = {}) {
        GDALDatasetUniquePtr src = open_vector((sample / file).string(), open_options);
        if (!src) throw std::runtime_error("cannot open " + file);
        std::vector<const char*> argv;
        for (const auto& o : options) argv.push_back(o.c_str());
        argv.push_back(nullptr);
        GDALVectorTranslateOptions* o = GDALVectorTranslateOptionsNew(const_cast<char**>(argv.data()), nullptr);
        GDALDatasetH h = src.get();
        int failed = 0;
        GDALDatasetH dst = GDALVectorTranslate((sample / target).c_str(), nullptr, 1, &h, o, &failed);
        GDALVectorTranslateOptionsFree(o);
        if (!dst || failed) throw std::runtime_error("cannot translate " + file + " to " + target);
        GDALClose(dst);
    }
    // Replaces the copy's parcels Shapefile with the sample's parcels passed through ogr2ogr's
    // `options` (e.g. {"-t_srs", "EPSG:4523"}), GBK .dbf and no .cpg like the sample's.
    void rewrite_parcels(std::vector<std::string> options) {
        options.insert(options.end(), {"-lco", "ENCODING=GB18030"});
        translate("parcels.shp", "rewritten.shp", options, {"ENCODING=GB18030"});
        for (const char* ext : {".shp", ".shx", ".dbf", ".prj"})
            fs::rename(sample / (std::string("rewritten") + ext), sample / (std::string("parcels") + ext));
        fs::remove(sample / "rewritten.cpg");
    }
    // Runs SQL on a GeoPackage of the copy (GDAL's SQLite functions make its triggers work).
    void execute_sql(const std::string& file, const std::string& sql) {
        GDALDatasetUniquePtr ds = open_vector((sample / file).string(), {}, true);
        if (!ds) throw std::runtime_error("cannot open " + file + " for update");
        CPLErrorReset();
        ds->ExecuteSQL(sql.c_str(), nullptr, nullptr);
        if (CPLGetLastErrorType() >= CE_Failure) throw std::runtime_error(sql + ": " + CPLGetLastErrorMsg());
    }

    // Runs `run` on the copy; the inputs must be as before and nothing but the GeoPackage beside it.
    RunResult run(const std::vector<std::string>& extra = {}) {
        const Snapshot before = snapshot(sample);
        std::vector<std::string> args{"run", (sample / "audit.toml").string(), "--no-progress", "--no-report"};
        args.insert(args.end(), extra.begin(), extra.end());
        RunResult r = run_cli(args);
        EXPECT_EQ(snapshot_diff(before, snapshot(sample)), "") << "inputs must never be modified";
        expect_only_output_left();
        return r;
    }
    // `check` on the copy: it must change nothing and write nothing.
    RunResult check() {
        const Snapshot before = snapshot(sample);
        const bool had_out = fs::exists(out_dir());
        const Snapshot out_before = had_out ? snapshot(out_dir()) : Snapshot{};
        RunResult r = run_cli({"check", (sample / "audit.toml").string()});
        EXPECT_EQ(snapshot_diff(before, snapshot(sample)), "") << "check must never modify an input";
        if (had_out) EXPECT_EQ(snapshot_diff(out_before, snapshot(out_dir())), "") << "check writes nothing";
        else EXPECT_FALSE(fs::exists(out_dir())) << "check writes nothing";
        return r;
    }
    void expect_only_output_left() const {
        if (!fs::exists(out_dir())) return;
        for (const auto& e : fs::directory_iterator(out_dir()))
            EXPECT_EQ(e.path().filename(), output().filename()) << "left beside the output: " << e.path();
    }

    // A failed run: exit 1, an error whose first line names `where`, a hint, each of `parts`, no output.
    void expect_error(const RunResult& r, const std::string& where, const std::vector<std::string>& parts = {}) const {
        EXPECT_EQ(r.signal, 0) << "crashed" << r;
        EXPECT_EQ(r.exit_code, 1) << r;
        const std::string first = r.err.substr(0, r.err.find('\n'));
        EXPECT_TRUE(contains(first, "landaudit: error: ")) << r;
        EXPECT_TRUE(contains(first, where)) << "the first line must name " << where << r;
        EXPECT_TRUE(contains(r.err, "hint:")) << r;
        for (const auto& p : parts) EXPECT_TRUE(contains(r.err, p)) << "missing: " << p << r;
        EXPECT_FALSE(fs::exists(output())) << "a failed run wrote " << output();
    }

    std::vector<Row> rows_of(const char* layer) const {
        GDALDatasetUniquePtr ds = open_vector(output().string());
        if (!ds) throw std::runtime_error("no output " + output().string());
        return read_layer(*ds, layer);
    }
    // Diagnostics rows of the output matching role, problem and action, with `detail` in the detail.
    std::vector<Row> diagnostics(const std::string& role, const std::string& problem, const std::string& action,
                                 const std::string& detail = "") const {
        std::vector<Row> found;
        for (const auto& d : rows_of("diagnostics"))
            if (d.s("role") == role && d.s("problem") == problem && d.s("action") == action && contains(d.s("detail"), detail))
                found.push_back(d);
        return found;
    }

    std::unique_ptr<TempDir> dir;
    fs::path sample;
};

}  // namespace cli_test
