// The domain's field type of an OGR field type, shared by the input reader and the output reader.
#pragma once

#include <ogr_core.h>

#include "layers/attribute.h"

namespace landaudit {

inline FieldType field_type_of(OGRFieldType t) {
    switch (t) {
        case OFTInteger:
        case OFTInteger64: return FieldType::Integer;
        case OFTReal: return FieldType::Real;
        case OFTDate:
        case OFTDateTime: return FieldType::Date;
        default: return FieldType::String;
    }
}

}  // namespace landaudit
