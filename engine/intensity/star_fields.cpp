// parks.stars and parks.star_why from the park's star ratings.
#include "engine/intensity/star_fields.h"

namespace landaudit {

void add_star_fields(OutputTable& parks) {
    parks.add_field("stars", FieldType::Integer, "星级(星)");
    parks.add_field("star_why", FieldType::String, "星级评定依据");
}

void push_star_values(OutputRow& row, const ParkIntensity& park) {
    if (park.stars.empty()) {
        row.values.push_back(FieldValue{});
        row.values.push_back(std::string("no stars rule set configured ([intensity] rules, method = \"stars\")"));
        return;
    }
    const StarRating& first = park.stars.front();
    row.values.push_back(first.stars ? FieldValue{static_cast<long long>(*first.stars)} : FieldValue{});
    std::string why;
    for (const StarRating& r : park.stars) why += (why.empty() ? "" : " || ") + r.reasons;
    row.values.push_back(why);
}

}  // namespace landaudit
