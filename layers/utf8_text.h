// Text that is valid UTF-8 whatever the source held: the output and every message carry it.
#pragma once

#include <string>
#include <string_view>

namespace landaudit {

// The text with every byte sequence that is not valid UTF-8 (stray continuation bytes, overlong
// forms, surrogates, code points above U+10FFFF, a cut-off sequence) replaced by U+FFFD "�".
// Returns the input unchanged when it is valid.
std::string valid_utf8(std::string_view text, bool* changed = nullptr);

}  // namespace landaudit
