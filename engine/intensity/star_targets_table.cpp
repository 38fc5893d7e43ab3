// star_targets: tally_stars per stars rule set, as rows.
#include "engine/intensity/star_targets_table.h"

#include "engine/intensity/park_stars.h"

namespace landaudit {

OutputTable star_targets_table(const AuditInputs& in, const IntensityResult& intensity) {
    OutputTable t{"star_targets", "星级园区目标", OutputGeometry::None, {}, {}};
    t.add_field("rule_set", FieldType::String, "规则集");
    t.add_field("band", FieldType::String, "星级");
    t.add_field("stars", FieldType::Integer, "星数");
    t.add_field("parks", FieldType::Integer, "达到该星级的园区数");
    t.add_field("target", FieldType::Integer, "目标园区数");
    t.add_field("target_yr", FieldType::Integer, "目标年份");
    t.add_field("verified", FieldType::Integer, "目标已核对原文");
    t.add_field("source", FieldType::String, "目标依据");
    std::size_t set_index = 0;
    for (const RuleSet& rules : in.rule_sets) {
        if (rules.method != RuleSet::Method::Stars) continue;
        for (const StarTally& tally : tally_stars(rules, stars_of_parks(intensity, set_index))) {
            std::string source;
            for (const GradeBand& g : rules.grades)
                if (g.stars == tally.stars) source = g.target_source;
            auto whole = [](const std::optional<int>& v) { return v ? FieldValue{static_cast<long long>(*v)} : FieldValue{}; };
            t.rows.push_back({{},
                              {rules.name, tally.band, static_cast<long long>(tally.stars),
                               static_cast<long long>(tally.parks), whole(tally.target), whole(tally.target_year),
                               tally.target ? FieldValue{tally.target_verified ? 1LL : 0LL} : FieldValue{},
                               source.empty() ? FieldValue{} : FieldValue{source}}});
        }
        ++set_index;
    }
    return t;
}

}  // namespace landaudit
