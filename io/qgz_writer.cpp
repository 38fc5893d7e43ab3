// PLACEHOLDER until the project lands.
#include "io/qgz_writer.h"

namespace landaudit {

void write_qgz(const std::string&, const std::string&, const std::string&) {}

}  // namespace landaudit
