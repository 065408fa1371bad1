#include <gtest/gtest.h>

#include "access/sealing.h"
#include "common/random.h"

namespace jigsaw::access {
namespace {

TEST(Sealer, OpensOnlyForTheSameDisclosureRecipientAndSecret) {
  InitialiseCrypto();
  const Bytes secret = RandomBytes(32);
  auto sealer = Sealer::FromSecret(secret);
  ASSERT_TRUE(sealer);
  const Bytes sealed = sealer->Seal(R"({"items":[]})", "disclosure-1", "council");
  const std::string as_text(sealed.begin(), sealed.end());
  EXPECT_EQ(as_text.find("items"), std::string::npos) << "sealed content is not plain text";
  EXPECT_EQ(*sealer->Open(sealed, "disclosure-1", "council"), R"({"items":[]})");
  EXPECT_FALSE(sealer->Open(sealed, "disclosure-2", "council")) << "moved to another disclosure";
  EXPECT_FALSE(sealer->Open(sealed, "disclosure-1", "police")) << "moved to another recipient";
  Bytes altered = sealed;
  altered.back() ^= 1;
  EXPECT_FALSE(sealer->Open(altered, "disclosure-1", "council"));
  EXPECT_FALSE(Sealer::FromSecret(RandomBytes(32))->Open(sealed, "disclosure-1", "council"));
  EXPECT_EQ(*sealer->Open(sealer->Seal("", "d", "r"), "d", "r"), "");
  EXPECT_FALSE(Sealer::FromSecret(RandomBytes(31)));
}

}  // namespace
}  // namespace jigsaw::access
