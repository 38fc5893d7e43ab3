// What became of the land that was 批而未供 or idle at the earlier audit (存量消化): each piece of
// that stock, split by its outcome at the later audit.
#pragma once

#include <string>
#include <vector>

#include "engine/geometry/geos_context.h"
#include "engine/monitoring/parcel_matching.h"
#include "engine/monitoring/table_reader.h"
#include "layers/geometry_blob.h"

namespace landaudit {

struct DisposalPiece {
    std::string kind;       // "unsupplied" or "idle"
    std::string source_id;  // batch id, or the earlier parcel id
    std::string park_id;    // at the earlier date
    std::string later_id;   // idle: the later parcel the piece lies in; empty otherwise
    std::string state0;     // earlier: the batch's age bucket, or the idle status
    std::string state1;     // later: "unsupplied", "supplied", "withdrawn", or the later idle status
    std::string outcome;    // supplied, withdrawn, still_unsupplied, started, reclaimed, still_idle, unknown
    bool disposed = false;  // supplied, withdrawn, started or reclaimed
    double area_m2 = 0;     // planar
    WkbGeometry geometry;
};

// Idle stock: the statuses counted in the parks' idle_m2 (idle_1y, idle_2y, gov_delay).
bool is_idle_stock(const std::string& idle_status);

// 批而未供: every earlier unsupplied piece that is not a sliver, against the later unsupplied pieces
// of the same batch: the part still unsupplied and the part supplied since; all of it `withdrawn`
// when the later audit has no such batch. A part under min_overlap_m2 is boundary noise and goes
// with the other part. `later_batches` may be null (no batches layer): then no batch is withdrawn.
std::vector<DisposalPiece> unsupplied_disposal(GeosContext& ctx, const TableReader& earlier_pieces,
                                               const TableReader& later_pieces, const TableReader* later_batches,
                                               double min_overlap_m2);

// Idle land: every earlier parcel whose idle status is idle stock, through the parcel matches. An id
// match gives the whole parcel the later parcel's outcome (started when not_idle or suspect, still
// idle, reclaimed when it is no longer supplied, unknown); a geometry match gives each later part
// its share; what no later parcel covers (≥ min_overlap_m2), or a parcel gone, is `reclaimed`.
std::vector<DisposalPiece> idle_disposal(GeosContext& ctx, const TableReader& earlier_parcels,
                                         const TableReader& later_parcels, const std::vector<ParcelMatch>& matches,
                                         double min_overlap_m2);

}  // namespace landaudit
