// valid_utf8: valid text passes unchanged, every invalid byte becomes one U+FFFD.
#include "layers/utf8_text.h"

#include <gtest/gtest.h>

namespace landaudit {
namespace {

TEST(Utf8Text, ValidTextIsUnchanged) {
    bool changed = true;
    EXPECT_EQ(valid_utf8("昆明经济技术开发区 A-1 😀", &changed), "昆明经济技术开发区 A-1 😀");
    EXPECT_FALSE(changed);
    EXPECT_EQ(valid_utf8(""), "");
}

TEST(Utf8Text, InvalidBytesBecomeReplacementCharacters) {
    bool changed = false;
    // GBK "工" (B9 A4) is not UTF-8: two invalid bytes, two U+FFFD. (GBK "业", D2 B5, happens to be
    // the valid UTF-8 of U+04B5: validity alone cannot tell encodings apart, hence the detection.)
    EXPECT_EQ(valid_utf8("\xB9\xA4", &changed), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_TRUE(changed);
    EXPECT_EQ(valid_utf8("a\x80z"), "a\xEF\xBF\xBDz");                     // stray continuation
    EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");         // overlong '/'
    EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
    EXPECT_EQ(valid_utf8("\xF4\x90\x80\x80").size(), 12u);                 // above U+10FFFF
    EXPECT_EQ(valid_utf8("园\xE5\x9B"), "园\xEF\xBF\xBD\xEF\xBF\xBD");       // cut-off sequence
}

}  // namespace
}  // namespace landaudit
