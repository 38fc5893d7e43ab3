// landaudit's own version, from the top-level CMake project().
#pragma once

namespace landaudit {

const char* engine_version();

}  // namespace landaudit
