#include "store/content_cipher.h"

#include <sodium.h>

#include <set>

#include "common/random.h"
#include "store/sql.h"

namespace jigsaw::store::internal {
namespace {

constexpr std::string_view kPrefix = "\x1f" "cs1:";
constexpr std::string_view kBytesPrefix = "\x1f" "cb1";
constexpr std::string_view kContext = "jigsaw.content.v1";
constexpr std::size_t kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;

std::string AssociatedData(std::string_view owner_id, std::string_view column, std::string_view record_id) {
  std::string ad(kContext);
  for (std::string_view part : {owner_id, column, record_id}) {
    ad += '\0';
    ad += part;
  }
  return ad;
}

}  // namespace

bool IsSealedContent(std::string_view stored) { return stored.starts_with(kPrefix); }

std::string SealedContentPattern() { return std::string(kPrefix) + "%"; }

Result<const Bytes*> ContentCipher::Lookup(const std::string& owner_id) {
  auto it = cache_.find(owner_id);
  if (it == cache_.end()) {
    auto found = JIGSAW_TRY(keys_->Find({owner_id}));
    std::optional<Bytes> key;
    if (auto f = found.find(owner_id); f != found.end()) key = std::move(f->second);
    it = cache_.insert_or_assign(owner_id, std::move(key)).first;
  }
  if (it->second && it->second->size() != crypto_aead_xchacha20poly1305_ietf_KEYBYTES)
    return Internal("A content key is not 32 bytes.");
  return it->second ? &*it->second : nullptr;
}

Status ContentCipher::Prefetch(const std::vector<std::string>& owner_ids) {
  if (!keys_) return Ok();
  // Each owner once: a list names the same concern or person many times.
  std::set<std::string> wanted;
  for (const auto& id : owner_ids)
    if (!id.empty() && !cache_.contains(id)) wanted.insert(id);
  if (wanted.empty()) return Ok();
  auto found = JIGSAW_TRY(keys_->Find(std::vector<std::string>(wanted.begin(), wanted.end())));
  std::vector<std::string> missing;
  for (const auto& id : wanted) {
    auto it = found.find(id);
    if (it == found.end()) missing.push_back(id);
    cache_[id] = it == found.end() ? std::nullopt : std::optional<Bytes>(std::move(it->second));
  }
  // Destroyed records in the list are told from missing keys in one
  // look-up too.
  if (!missing.empty())
    for (const auto& id : JIGSAW_TRY(keys_->Destroyed(missing))) destroyed_[id] = true;
  return Ok();
}

Result<bool> ContentCipher::WasDestroyed(const std::string& owner_id) {
  if (auto it = destroyed_.find(owner_id); it != destroyed_.end()) return it->second;
  bool destroyed = JIGSAW_TRY(keys_->Destroyed({owner_id})).contains(owner_id);
  // shredded_keys: destroyed once the transaction committed, its key
  // perhaps not yet (Compact), or destroyed before the key store kept its
  // list.
  if (!destroyed && db_)
    destroyed = !JIGSAW_TRY(sql::Query(*db_, "SELECT 1 FROM shredded_keys WHERE owner_id = $1", {owner_id})).empty();
  destroyed_[owner_id] = destroyed;
  return destroyed;
}

Status ContentCipher::MissingKey(const std::string& owner_id) {
  if (JIGSAW_TRY(WasDestroyed(owner_id))) return Ok();
  return Fail(ErrorCode::kUnavailable,
              "The content key of record " + owner_id +
                  " is missing from the content key store, which is stale or not the right one "
                  "(keys.content_key_file). Nothing was read or changed: put the key store back from its own "
                  "backup (docs/operations.md).");
}

Result<bool> ContentCipher::HasSealedContent(const std::string& owner_id) {
  if (!db_) return false;
  // The columns that any owner with content has sealed (its account, items
  // or a person's details); indexed by owner.
  const auto rows = JIGSAW_TRY(sql::Query(
      *db_,
      "SELECT 1 FROM concerns WHERE id = $1 AND what_happened LIKE $2 "
      "UNION ALL SELECT 1 FROM information_items WHERE concern_id = $1 AND text LIKE $2 "
      "UNION ALL SELECT 1 FROM information_items WHERE concern_id = '' AND person_id = $1 AND text LIKE $2 "
      "UNION ALL SELECT 1 FROM people WHERE id = $1 AND (address LIKE $2 OR postcode LIKE $2 OR known_as LIKE $2 "
      "OR phone_numbers LIKE $2 OR email_addresses LIKE $2 OR protected_reason LIKE $2)",
      {owner_id, SealedContentPattern()}));
  return !rows.empty();
}

Result<Bytes> ContentCipher::KeyToSeal(const std::string& owner_id) {
  if (owner_id.empty()) return Internal("Content to seal has no owner.");
  // Content written to a destroyed record would be sealed only to be
  // shredded at the next compaction, silently: the write fails instead.
  if (JIGSAW_TRY(WasDestroyed(owner_id)))
    return Fail(ErrorCode::kFailedPrecondition,
                "This record was destroyed: nothing more can be recorded in it (docs/retention.md).");
  if (const Bytes* held = JIGSAW_TRY(Lookup(owner_id))) return *held;
  // Only a new owner gets a new key: sealed content without one means the
  // key store is stale or the wrong one.
  if (JIGSAW_TRY(HasSealedContent(owner_id))) {
    JIGSAW_RETURN_IF_ERROR(MissingKey(owner_id));
  }
  Bytes made = JIGSAW_TRY(keys_->KeyFor(owner_id));
  cache_[owner_id] = made;
  return made;
}

// nonce || ciphertext and tag.
Result<Bytes> ContentCipher::Encrypt(const Bytes& key, std::string_view ad, std::span<const std::uint8_t> plain) {
  Bytes out = RandomBytes(kNonce);
  out.resize(kNonce + plain.size() + kTag);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonce, &written, plain.data(), plain.size(),
                                             reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
                                             out.data(), key.data());
  out.resize(kNonce + written);
  return out;
}

std::optional<Bytes> ContentCipher::Decrypt(const Bytes& key, std::string_view ad,
                                            std::span<const std::uint8_t> sealed) {
  if (sealed.size() < kNonce + kTag) return std::nullopt;
  Bytes plain(sealed.size() - kNonce - kTag);
  unsigned char empty = 0;
  unsigned char* dest = plain.empty() ? &empty : plain.data();
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(dest, &length, nullptr, sealed.data() + kNonce,
                                                 sealed.size() - kNonce,
                                                 reinterpret_cast<const unsigned char*>(ad.data()), ad.size(),
                                                 sealed.data(), key.data()) != 0)
    return std::nullopt;
  plain.resize(length);
  return plain;
}

Result<std::string> ContentCipher::Seal(const std::string& owner_id, std::string_view column,
                                        const std::string& record_id, const std::string& plaintext) {
  if (!keys_ || plaintext.empty()) return plaintext;
  const Bytes key = JIGSAW_TRY(KeyToSeal(owner_id));
  const Bytes sealed = JIGSAW_TRY(Encrypt(key, AssociatedData(owner_id, column, record_id), AsBytes(plaintext)));
  return std::string(kPrefix) + Base64Encode(sealed);
}

Result<std::string> ContentCipher::Open(const std::string& owner_id, std::string_view column,
                                        const std::string& record_id, const std::string& stored) {
  if (!IsSealedContent(stored)) return stored;
  if (!keys_) return Internal("Sealed content was found, but no content key store is open.");
  const Bytes* key = JIGSAW_TRY(Lookup(owner_id));
  // The owner was destroyed: this is destroyed content, as the live
  // database shows it (cleared). Any other missing key is an error.
  if (!key) {
    JIGSAW_RETURN_IF_ERROR(MissingKey(owner_id));
    return std::string();
  }
  auto decoded = Base64Decode(std::string_view(stored).substr(kPrefix.size()));
  if (!decoded) return Internal("Sealed content is not readable.");
  auto plain = Decrypt(*key, AssociatedData(owner_id, column, record_id), AsBytes(*decoded));
  if (!plain) return Internal("Sealed content failed its integrity check.");
  return std::string(plain->begin(), plain->end());
}

Bytes SealedBytesPrefix() { return Bytes(kBytesPrefix.begin(), kBytesPrefix.end()); }

Result<Bytes> ContentCipher::SealBytes(const std::string& owner_id, std::string_view column,
                                       const std::string& record_id, const Bytes& plain) {
  if (!keys_ || plain.empty()) return plain;
  const Bytes key = JIGSAW_TRY(KeyToSeal(owner_id));
  Bytes out = SealedBytesPrefix();
  const Bytes sealed = JIGSAW_TRY(Encrypt(key, AssociatedData(owner_id, column, record_id), plain));
  out.insert(out.end(), sealed.begin(), sealed.end());
  return out;
}

Result<Bytes> ContentCipher::OpenBytes(const std::string& owner_id, std::string_view column,
                                       const std::string& record_id, const Bytes& stored) {
  if (stored.size() < kBytesPrefix.size() || !std::equal(kBytesPrefix.begin(), kBytesPrefix.end(), stored.begin()))
    return stored;
  if (!keys_) return Internal("Sealed content was found, but no content key store is open.");
  const Bytes* key = JIGSAW_TRY(Lookup(owner_id));
  if (!key) {
    JIGSAW_RETURN_IF_ERROR(MissingKey(owner_id));
    return Bytes();
  }
  auto plain = Decrypt(*key, AssociatedData(owner_id, column, record_id),
                       std::span<const std::uint8_t>(stored).subspan(kBytesPrefix.size()));
  if (!plain) return Internal("Sealed content failed its integrity check.");
  return *plain;
}

}  // namespace jigsaw::store::internal
