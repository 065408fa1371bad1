#include <gtest/gtest.h>
#include <sodium.h>

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

TEST(Sealer, EachBlobNamesItsKeyAndRotatedKeysStillOpen) {
  InitialiseCrypto();
  const SealingKey first = Sealer::NewKey(), second = Sealer::NewKey();
  EXPECT_EQ(first.id.size(), 16u);
  EXPECT_NE(first.id, second.id);
  EXPECT_EQ(Sealer::KeyFromSecret(first.secret)->id, first.id) << "the id follows from the key";
  const Sealer before = *Sealer::FromKeys({first});
  const Bytes old = before.Seal("before rotation", "d1", "council");
  EXPECT_EQ(Sealer::KeyIdOf(old), first.id);
  const Sealer after = *Sealer::FromKeys({first, second});
  const Bytes fresh = after.Seal("after rotation", "d2", "council");
  EXPECT_EQ(Sealer::KeyIdOf(fresh), second.id) << "the newest key seals";
  EXPECT_EQ(*after.Open(old, "d1", "council"), "before rotation");
  EXPECT_EQ(*after.Open(fresh, "d2", "council"), "after rotation");
  // Without the key a blob names, the error says which key is missing.
  auto lost = before.Open(fresh, "d2", "council");
  ASSERT_FALSE(lost);
  EXPECT_NE(lost.error().message.find(second.id), std::string::npos) << lost.error().message;
  // The key id is bound into the seal: relabelling it does not open.
  Bytes relabelled = fresh;
  relabelled[3] ^= 1;
  EXPECT_FALSE(after.Open(relabelled, "d2", "council"));
  EXPECT_FALSE(Sealer::FromKeys({}));
}

// What releases before key ids wrote: nonce || ciphertext, under a key
// derived from the audit signing seed, with no header. Written out here
// from that release's code, as the reference for the old format.
Bytes SealedTheOldWay(std::string_view plaintext, std::string_view id, std::string_view recipient, const Bytes& seed) {
  constexpr std::string_view kContext = "jigsaw.disclosure-sealing.v1";
  Bytes master(32), key(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  crypto_generichash(master.data(), 32, reinterpret_cast<const unsigned char*>(kContext.data()), kContext.size(),
                     seed.data(), seed.size());
  crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(recipient.data()), recipient.size(),
                     master.data(), master.size());
  std::string ad(kContext);
  ad += '\0';
  ad += id;
  ad += '\0';
  ad += recipient;
  Bytes out = RandomBytes(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  const std::size_t n = out.size();
  out.resize(n + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + n, &written,
                                             reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             out.data(), key.data());
  out.resize(n + written);
  return out;
}

TEST(Sealer, WhatEarlierReleasesSealedStillOpens) {
  InitialiseCrypto();
  const Bytes seed = RandomBytes(32);
  const Bytes old = SealedTheOldWay(R"({"child":"Sam"})", "d-old", "council", seed);
  EXPECT_EQ(Sealer::KeyIdOf(old), "") << "no header";
  const Sealer keyring = *Sealer::FromKeys({Sealer::LegacyKey(seed), Sealer::NewKey()});
  EXPECT_EQ(*keyring.Open(old, "d-old", "council"), R"({"child":"Sam"})");
  EXPECT_FALSE(keyring.Open(old, "d-old", "police"));
  EXPECT_FALSE(Sealer::FromKeys({Sealer::NewKey()})->Open(old, "d-old", "council"));
  // The legacy key reveals nothing of the signing seed it came from.
  EXPECT_NE(Sealer::LegacyKey(seed).secret, seed);
}

}  // namespace
}  // namespace jigsaw::access
