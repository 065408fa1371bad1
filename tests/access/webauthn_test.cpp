#include "access/webauthn.h"

#include <cbor.h>
#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>

namespace jigsaw::access {
namespace {

// A software authenticator, as the browser's virtual one behaves: it
// makes a key pair, and answers ceremonies with signed authenticator data.
class SoftAuthenticator {
 public:
  explicit SoftAuthenticator(std::int64_t algorithm) : algorithm_(algorithm) {
    key_ = algorithm == kCoseEdDsa ? EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519")
                                   : EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
  }
  ~SoftAuthenticator() { EVP_PKEY_free(key_); }

  Bytes Cose() const {
    const bool ed = algorithm_ == kCoseEdDsa;
    cbor_item_t* map = cbor_new_definite_map(ed ? 4 : 5);
    auto add = [&](cbor_item_t* k, cbor_item_t* v) {
      (void)cbor_map_add(map, cbor_pair{cbor_move(k), cbor_move(v)});
    };
    auto integer = [](std::int64_t v) { return v >= 0 ? cbor_build_uint8(static_cast<std::uint8_t>(v))
                                                      : cbor_build_negint8(static_cast<std::uint8_t>(-1 - v)); };
    add(integer(1), integer(ed ? 1 : 2));
    add(integer(3), integer(algorithm_));
    add(integer(-1), integer(ed ? 6 : 1));
    if (ed) {
      unsigned char raw[32];
      std::size_t n = sizeof raw;
      EVP_PKEY_get_raw_public_key(key_, raw, &n);
      add(integer(-2), cbor_build_bytestring(raw, n));
    } else {
      unsigned char point[65];
      std::size_t n = 0;
      EVP_PKEY_get_octet_string_param(key_, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &n);
      add(integer(-2), cbor_build_bytestring(point + 1, 32));
      add(integer(-3), cbor_build_bytestring(point + 33, 32));
    }
    return Serialise(map);
  }

  // authenticatorData: rpIdHash, flags, counter, and the credential if asked.
  Bytes AuthData(std::string_view rp_id, std::uint8_t flags, std::uint32_t counter, bool with_credential) const {
    Bytes out(32);
    SHA256(reinterpret_cast<const unsigned char*>(rp_id.data()), rp_id.size(), out.data());
    out.push_back(flags | (with_credential ? 0x40 : 0));
    for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<std::uint8_t>(counter >> shift));
    if (with_credential) {
      out.insert(out.end(), 16, 0);  // AAGUID: none
      out.push_back(0);
      out.push_back(static_cast<std::uint8_t>(id_.size()));
      out.insert(out.end(), id_.begin(), id_.end());
      const Bytes cose = Cose();
      out.insert(out.end(), cose.begin(), cose.end());
    }
    return out;
  }

  Bytes AttestationObject(const Bytes& auth_data, const char* fmt = "none") const {
    cbor_item_t* map = cbor_new_definite_map(3);
    (void)cbor_map_add(map, cbor_pair{cbor_move(cbor_build_string("fmt")), cbor_move(cbor_build_string(fmt))});
    (void)cbor_map_add(map, cbor_pair{cbor_move(cbor_build_string("attStmt")), cbor_move(cbor_new_definite_map(0))});
    (void)cbor_map_add(map, cbor_pair{cbor_move(cbor_build_string("authData")),
                                      cbor_move(cbor_build_bytestring(auth_data.data(), auth_data.size()))});
    return Serialise(map);
  }

  Bytes Sign(const Bytes& auth_data, const std::string& client_data) const {
    Bytes message = auth_data;
    unsigned char hash[32];
    SHA256(reinterpret_cast<const unsigned char*>(client_data.data()), client_data.size(), hash);
    message.insert(message.end(), hash, hash + 32);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_DigestSignInit(ctx, nullptr, algorithm_ == kCoseEdDsa ? nullptr : EVP_sha256(), nullptr, key_);
    std::size_t n = 0;
    EVP_DigestSign(ctx, nullptr, &n, message.data(), message.size());
    Bytes signature(n);
    EVP_DigestSign(ctx, signature.data(), &n, message.data(), message.size());
    signature.resize(n);
    EVP_MD_CTX_free(ctx);
    return signature;
  }

  const Bytes& id() const { return id_; }

 private:
  static Bytes Serialise(cbor_item_t* item) {
    unsigned char* buffer = nullptr;
    std::size_t size = 0;
    const std::size_t length = cbor_serialize_alloc(item, &buffer, &size);
    Bytes out(buffer, buffer + length);
    free(buffer);
    cbor_decref(&item);
    return out;
  }

  std::int64_t algorithm_;
  EVP_PKEY* key_ = nullptr;
  Bytes id_ = Bytes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
};

const WebAuthnExpectation kExpected{"Y2hhbGxlbmdl", "https://jigsaw.example.org", "jigsaw.example.org"};
constexpr std::uint8_t kPresentAndVerified = 0x05;

std::string ClientData(std::string_view type, std::string_view challenge = kExpected.challenge,
                       std::string_view origin = kExpected.origin) {
  return R"({"type":")" + std::string(type) + R"(","challenge":")" + std::string(challenge) + R"(","origin":")" +
         std::string(origin) + R"(","crossOrigin":false})";
}

class WebAuthnTest : public ::testing::TestWithParam<std::int64_t> {
 protected:
  Result<NewCredential> Register(const std::string& client_data, std::uint8_t flags = kPresentAndVerified,
                                 const char* fmt = "none") {
    const Bytes auth = authenticator_.AuthData(kExpected.rp_id, flags, 0, true);
    return VerifyRegistration(AsBytes(client_data), authenticator_.AttestationObject(auth, fmt), kExpected);
  }
  Result<std::int64_t> SignIn(const NewCredential& c, std::uint32_t counter, std::int64_t stored,
                              const std::string& client_data, std::string_view rp_id = kExpected.rp_id,
                              std::uint8_t flags = kPresentAndVerified) {
    const Bytes auth = authenticator_.AuthData(rp_id, flags, counter, false);
    return VerifyAssertion(AsBytes(client_data), auth, authenticator_.Sign(auth, client_data), c.public_key_cose, stored,
                           kExpected);
  }
  SoftAuthenticator authenticator_{GetParam()};
};

TEST_P(WebAuthnTest, ARegisteredPasskeySignsIn) {
  auto credential = Register(ClientData("webauthn.create"));
  ASSERT_TRUE(credential) << credential.error().message;
  EXPECT_EQ(credential->algorithm, GetParam());
  EXPECT_EQ(credential->credential_id, Base64UrlEncode(authenticator_.id()));
  auto count = SignIn(*credential, 1, 0, ClientData("webauthn.get"));
  ASSERT_TRUE(count) << count.error().message;
  EXPECT_EQ(*count, 1);
}

TEST_P(WebAuthnTest, RegistrationIsRefusedForAnotherChallengeOriginOrCeremony) {
  EXPECT_FALSE(Register(ClientData("webauthn.create", "b3RoZXI")));
  EXPECT_FALSE(Register(ClientData("webauthn.create", kExpected.challenge, "https://jigsaw.example.org.evil.test")));
  EXPECT_FALSE(Register(ClientData("webauthn.get")));
  EXPECT_FALSE(Register(ClientData("webauthn.create"), 0x01));           // present, not verified
  EXPECT_FALSE(Register(ClientData("webauthn.create"), kPresentAndVerified, "packed"));  // only "none"
}

TEST_P(WebAuthnTest, AnAssertionIsRefusedUnlessEverythingMatches) {
  const NewCredential c = *Register(ClientData("webauthn.create"));
  EXPECT_FALSE(SignIn(c, 1, 0, ClientData("webauthn.get", "b3RoZXI")));            // replayed for another challenge
  EXPECT_FALSE(SignIn(c, 1, 0, ClientData("webauthn.get"), "evil.test"));          // signed for another site
  EXPECT_FALSE(SignIn(c, 1, 0, ClientData("webauthn.create")));
  EXPECT_FALSE(SignIn(c, 1, 0, ClientData("webauthn.get"), kExpected.rp_id, 0x01));  // no user verification
  EXPECT_FALSE(SignIn(c, 5, 5, ClientData("webauthn.get")));                       // counter did not move on
  // A signature by another key over the same data.
  SoftAuthenticator other(GetParam());
  const std::string client_data = ClientData("webauthn.get");
  const Bytes auth = authenticator_.AuthData(kExpected.rp_id, kPresentAndVerified, 2, false);
  auto forged = VerifyAssertion(AsBytes(client_data), auth, other.Sign(auth, client_data), c.public_key_cose, 0, kExpected);
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, ErrorCode::kUnauthenticated);
}

TEST_P(WebAuthnTest, AuthenticatorsWithoutACounterAreAccepted) {
  const NewCredential c = *Register(ClientData("webauthn.create"));
  EXPECT_TRUE(SignIn(c, 0, 0, ClientData("webauthn.get")));
}

INSTANTIATE_TEST_SUITE_P(Algorithms, WebAuthnTest, ::testing::Values(kCoseEs256, kCoseEdDsa),
                         [](const auto& info) { return info.param == kCoseEs256 ? "ES256" : "Ed25519"; });

TEST(WebAuthnParsingTest, GarbageIsRefusedWithoutCrashing) {
  const std::string client_data = ClientData("webauthn.create");
  for (const Bytes& junk : {Bytes{}, Bytes{0xff}, Bytes{0xa1, 0x63}, Bytes(100, 0x9f)})
    EXPECT_FALSE(VerifyRegistration(AsBytes(client_data), junk, kExpected));
  EXPECT_FALSE(VerifyRegistration(AsBytes(std::string_view("not json")), Bytes{0xa0}, kExpected));
}

}  // namespace
}  // namespace jigsaw::access
