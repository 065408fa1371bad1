#include "app/keyring.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/signing_key.h"
#include "common/log.h"
#include "common/random.h"

namespace jigsaw::app {
namespace {

struct Line {
  std::string id;
  Time created{};
  Bytes secret;
};

struct File {
  std::vector<Line> lines;
  bool single_seed = false;
};

std::unexpected<Error> Bad(std::string_view field, const std::string& path, const std::string& what) {
  return InvalidArgument(std::string(field), path + ": " + what);
}

Result<File> ReadLines(const std::string& path, std::string_view field) {
  std::ifstream in(path);
  if (!in) {
    if (errno == ENOENT) return NotFound(path + " does not exist.");
    return Bad(field, path, std::string("cannot be read: ") + std::strerror(errno));
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    log::Warning("keys.permissions", {{"path", path}, {"advice", "chmod 600"}});
  File f;
  std::string text;
  int number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    std::istringstream words(text);
    std::string a, b, c, extra;
    words >> a >> b >> c >> extra;
    const std::string where = "line " + std::to_string(number);
    if (b.empty() && f.lines.empty() && a.size() == 64) {
      // The one-seed file of releases before keyrings.
      auto seed = HexDecode(a);
      if (!seed) return Bad(field, path, where + " is not a key in hex.");
      f.lines.push_back({{}, {}, *seed});
      f.single_seed = true;
      continue;
    }
    if (f.single_seed || c.empty() || !extra.empty())
      return Bad(field, path, where + " is not \"KEY_ID CREATED SECRET_HEX\".");
    auto created = ParseRfc3339(b);
    auto secret = HexDecode(c);
    if (!created) return Bad(field, path, where + ": the creation time is not a UTC time.");
    if (!secret || secret->size() != 32) return Bad(field, path, where + ": the secret is not 32 bytes in hex.");
    f.lines.push_back({a, *created, *secret});
  }
  if (f.lines.empty()) return Bad(field, path, "holds no key.");
  return f;
}

Status SyncDirectory(const std::filesystem::path& dir) {
  const int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Internal("Cannot open " + dir.string() + ": " + std::strerror(errno));
  ::fsync(fd);
  ::close(fd);
  return Ok();
}

// Writes `text` to `path` (0600) through a temporary file: `replace` renames
// it over the old file; otherwise it is linked in only if `path` is free.
Status WriteKeyFile(const std::string& path, const std::string& text, bool replace, std::string_view field) {
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path() && !std::filesystem::exists(target.parent_path(), ec)) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return Bad(field, path, "cannot create its directory: " + ec.message());
    std::filesystem::permissions(target.parent_path(), std::filesystem::perms::owner_all, ec);
  }
  const std::string temporary = path + ".new-" + NewId().substr(0, 8);
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Bad(field, path, std::string("cannot be written: ") + std::strerror(errno));
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) {
    ::unlink(temporary.c_str());
    return Bad(field, path, "cannot be written.");
  }
  int rc = 0;
  if (replace) {
    rc = ::rename(temporary.c_str(), path.c_str());
  } else {
    rc = ::link(temporary.c_str(), path.c_str());
    ::unlink(temporary.c_str());
  }
  if (rc != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    if (error == EEXIST) return Fail(ErrorCode::kAlreadyExists, path + " already exists.", std::string(field));
    return Bad(field, path, std::string("cannot be written: ") + std::strerror(error));
  }
  return SyncDirectory(target.parent_path());
}

std::string Header(std::string_view what) {
  return "# Jigsaw " + std::string(what) +
         ", oldest first; the last one is in use, the others are kept to read what they made.\n"
         "# Keep this file secret (mode 0600) and away from the database's disk: see README.md.\n";
}

std::string FormatLine(const std::string& id, Time created, std::span<const std::uint8_t> secret) {
  return id + " " + FormatRfc3339(created) + " " + HexEncode(secret) + "\n";
}

constexpr std::string_view kSigningWhat = "audit signing keys (Ed25519 seeds)";
constexpr std::string_view kSealingWhat = "disclosure sealing keys";

std::string SigningText(const SigningKeyring& ring) {
  std::string text = Header(kSigningWhat);
  for (std::size_t i = 0; i < ring.keys.size(); ++i)
    text += FormatLine(ring.keys[i].key_id(), ring.created[i], ring.keys[i].seed());
  return text;
}

std::string SealingText(const SealingKeyring& ring) {
  std::string text = Header(kSealingWhat);
  for (std::size_t i = 0; i < ring.keys.size(); ++i)
    text += FormatLine(ring.keys[i].id, ring.created[i], ring.keys[i].secret);
  return text;
}

}  // namespace

audit::TrustedKeys SigningKeyring::trusted() const {
  audit::TrustedKeys t;
  for (const auto& k : keys) t.Add(k.public_key());
  return t;
}

Result<SigningKeyring> ReadSigningKeyring(const std::string& path, std::string_view field) {
  const File f = JIGSAW_TRY(ReadLines(path, field));
  SigningKeyring ring;
  ring.single_seed_file = f.single_seed;
  for (const Line& l : f.lines) {
    auto key = audit::SigningKey::FromSeed(l.secret);
    if (!key) return Bad(field, path, key.error().message);
    if (!l.id.empty() && l.id != key->key_id())
      return Bad(field, path, "the key id " + l.id + " does not match its key (" + key->key_id() + ").");
    ring.keys.push_back(std::move(*key));
    ring.created.push_back(l.created);
  }
  return ring;
}

Result<SealingKeyring> ReadSealingKeyring(const std::string& path, std::string_view field) {
  const File f = JIGSAW_TRY(ReadLines(path, field));
  if (f.single_seed) return Bad(field, path, "is a single key without an id, not a sealing keyring.");
  SealingKeyring ring;
  for (const Line& l : f.lines) {
    auto key = access::Sealer::KeyFromSecret(l.secret);
    if (!key) return Bad(field, path, key.error().message);
    if (l.id != key->id) return Bad(field, path, "the key id " + l.id + " does not match its key (" + key->id + ").");
    ring.keys.push_back(std::move(*key));
    ring.created.push_back(l.created);
  }
  return ring;
}

Status CreateSigningKeyring(const std::string& path, const std::vector<audit::SigningKey>& keys, Time now) {
  SigningKeyring ring{keys, std::vector<Time>(keys.size(), now), false};
  JIGSAW_RETURN_IF_ERROR(WriteKeyFile(path, SigningText(ring), false, "audit.signing_key_file"));
  log::Info("keys.signing_keyring_created", {{"path", path}, {"key_id", keys.back().key_id()}});
  return Ok();
}

Status CreateSealingKeyring(const std::string& path, const std::vector<access::SealingKey>& keys, Time now) {
  SealingKeyring ring{keys, std::vector<Time>(keys.size(), now)};
  JIGSAW_RETURN_IF_ERROR(WriteKeyFile(path, SealingText(ring), false, "keys.sealing_key_file"));
  log::Info("keys.sealing_keyring_created", {{"path", path}, {"key_id", keys.back().id}});
  return Ok();
}

Result<audit::SigningKey> RotateSigningKey(const std::string& path, Time now) {
  SigningKeyring ring = JIGSAW_TRY(ReadSigningKeyring(path, "audit.signing_key_file"));
  ring.keys.push_back(*audit::SigningKey::FromSeed(RandomBytes(32)));
  ring.created.push_back(now);
  JIGSAW_RETURN_IF_ERROR(WriteKeyFile(path, SigningText(ring), true, "audit.signing_key_file"));
  log::Info("keys.signing_key_rotated", {{"path", path}, {"key_id", ring.current().key_id()}});
  return ring.current();
}

Result<access::SealingKey> RotateSealingKey(const std::string& path, Time now) {
  SealingKeyring ring = JIGSAW_TRY(ReadSealingKeyring(path, "keys.sealing_key_file"));
  ring.keys.push_back(access::Sealer::NewKey());
  ring.created.push_back(now);
  JIGSAW_RETURN_IF_ERROR(WriteKeyFile(path, SealingText(ring), true, "keys.sealing_key_file"));
  log::Info("keys.sealing_key_rotated", {{"path", path}, {"key_id", ring.keys.back().id}});
  return ring.keys.back();
}

Result<audit::SigningKey> LoadSigningKey(const std::string& path, bool create) {
  constexpr std::string_view kField = "audit.signing_key_file";
  auto ring = ReadSigningKeyring(path, kField);
  if (ring) return ring->current();
  if (ring.error().code != ErrorCode::kNotFound) return std::unexpected(ring.error());
  if (!create)
    return InvalidArgument(std::string(kField),
                           "Cannot read the audit signing key " + path + ": run `jigsaw init` to create it, or give its path.");
  const audit::SigningKey key = *audit::SigningKey::FromSeed(RandomBytes(32));
  const SystemClock clock;
  if (auto made = CreateSigningKeyring(path, {key}, clock.Now()); !made) {
    // Another process made it first: use theirs.
    if (made.error().code == ErrorCode::kAlreadyExists) return LoadSigningKey(path, false);
    return std::unexpected(made.error());
  }
  return key;
}

}  // namespace jigsaw::app
