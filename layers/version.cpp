// The version string is set by CMake (project VERSION) so that it has one home.
#include "layers/version.h"

namespace landaudit {

const char* engine_version() { return LANDAUDIT_VERSION; }

}  // namespace landaudit
