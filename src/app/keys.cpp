#include "app/keys.h"

#include <filesystem>

#include "common/log.h"
#include "common/random.h"

namespace jigsaw::app {
namespace {

constexpr std::string_view kSigningField = "audit.signing_key_file";
constexpr std::string_view kSealingField = "keys.sealing_key_file";

bool Exists(const std::string& path) {
  std::error_code ec;
  return std::filesystem::exists(path, ec);
}

// Where the signing keys come from this time.
enum class Source { kKeyring, kLegacyFile, kNew };

Result<std::pair<Source, SigningKeyring>> FindSigningKeys(const Config& config) {
  const std::string path = config.SigningKeyFile();
  if (Exists(path)) return std::pair{Source::kKeyring, JIGSAW_TRY(ReadSigningKeyring(path, kSigningField))};
  const bool create = config.audit.create_signing_key;
  const std::string legacy = config.LegacySigningKeyFile();
  if (config.audit.signing_key_file.empty() && Exists(legacy)) {
    if (!create)
      return InvalidArgument(std::string(kSigningField),
                             "The audit signing key is still at " + legacy +
                                 ", beside the database, where a copy of the data takes it along: run `jigsaw init` "
                                 "to move it to " + path + ".");
    return std::pair{Source::kLegacyFile, JIGSAW_TRY(ReadSigningKeyring(legacy, kSigningField))};
  }
  if (!create)
    return InvalidArgument(std::string(kSigningField),
                           "Cannot read the audit signing key " + path + ": run `jigsaw init` to create it, or give its path.");
  return std::pair{Source::kNew, SigningKeyring{{*audit::SigningKey::FromSeed(RandomBytes(32))}, {Time{}}, false}};
}

// Reads the sealing keyring, or makes it (jigsaw init). Releases before
// keyrings sealed with a key derived from the one signing seed: a new
// keyring keeps that key (to open only) so that what they sealed opens.
Result<SealingKeyring> SealingKeys(const Config& config, const SigningKeyring& signing, Time now, ServerKeys& out) {
  const std::string path = config.SealingKeyFile();
  if (Exists(path)) return ReadSealingKeyring(path, kSealingField);
  if (!config.audit.create_signing_key)
    return InvalidArgument(std::string(kSealingField),
                           "Cannot read the disclosure sealing keys " + path +
                               ": run `jigsaw init` to create them, or give their path.");
  std::vector<access::SealingKey> keys;
  if (signing.single_seed_file) keys.push_back(access::Sealer::LegacyKey(signing.keys.front().seed()));
  keys.push_back(access::Sealer::NewKey());
  auto made = CreateSealingKeyring(path, keys, now);
  // Another instance starting at the same moment may have made it first.
  if (!made && made.error().code != ErrorCode::kAlreadyExists) return std::unexpected(made.error());
  if (made)
    out.changes.push_back("Created the disclosure sealing keyring " + path +
                          (keys.size() > 1 ? ", keeping the key earlier releases sealed with, to open what they sealed."
                                           : "."));
  return ReadSealingKeyring(path, kSealingField);
}

// Writes the signing keyring found elsewhere (new, or the one-seed file
// beside the database) where it belongs.
Result<SigningKeyring> PlaceSigningKeys(const Config& config, Source source, const SigningKeyring& found, Time now,
                                        ServerKeys& out) {
  const std::string path = config.SigningKeyFile();
  auto made = CreateSigningKeyring(path, found.keys, now);
  if (!made && made.error().code != ErrorCode::kAlreadyExists) return std::unexpected(made.error());
  if (source == Source::kLegacyFile) {
    const std::string legacy = config.LegacySigningKeyFile();
    std::error_code ec;
    std::filesystem::remove(legacy, ec);
    out.changes.push_back("Moved the audit signing key from " + legacy + " to " + path +
                          (ec ? " (delete the old copy by hand: " + ec.message() + ")" : "") + ".");
    log::Info("keys.signing_key_moved", {{"from", legacy}, {"to", path}});
  } else if (made) {
    out.changes.push_back("Created the audit signing keyring " + path + ".");
  }
  return ReadSigningKeyring(path, kSigningField);
}

}  // namespace

Result<ServerKeys> OpenServerKeys(const Config& config, Time now) {
  ServerKeys keys;
  auto [source, signing] = JIGSAW_TRY(FindSigningKeys(config));
  // The sealing keyring first: if this stops half-way, the old signing key
  // file is still there to derive the old sealing key from next time.
  keys.sealing = JIGSAW_TRY(SealingKeys(config, signing, now, keys));
  if (source != Source::kKeyring) signing = JIGSAW_TRY(PlaceSigningKeys(config, source, signing, now, keys));
  keys.signing = std::move(signing);
  return keys;
}

// A data key is sealed like a disclosure, for the pseudo-recipient
// "content-key" (no organisation has that id) and bound to its owner's id:
// a wrapped key moved to another owner does not open.
Result<std::shared_ptr<store::ContentKeys>> OpenContentKeyStore(const Config& config, const access::Sealer& sealer,
                                                                const Clock& clock) {
  static constexpr std::string_view kRecipient = "content-key";
  auto held = std::make_shared<const access::Sealer>(sealer);
  store::KeyWrapping wrapping{
      .wrap = [held](std::span<const std::uint8_t> key, std::string_view owner) {
        return held->Seal(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()), owner, kRecipient);
      },
      .unwrap = [held](std::span<const std::uint8_t> wrapped, std::string_view owner) -> Result<Bytes> {
        const std::string key = JIGSAW_TRY(held->Open(wrapped, owner, kRecipient));
        return Bytes(key.begin(), key.end());
      }};
  return store::OpenContentKeys(config.ContentKeyFile(), std::move(wrapping), clock);
}

}  // namespace jigsaw::app
