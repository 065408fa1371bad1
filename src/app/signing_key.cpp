#include "app/signing_key.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "common/log.h"
#include "common/random.h"

namespace jigsaw::app {
namespace {
constexpr std::string_view kField = "audit.signing_key_file";
}

Result<audit::SigningKey> LoadSigningKey(const std::string& path, bool create) {
  std::ifstream in(path);
  if (!in) {
    if (errno != ENOENT || !create)
      return InvalidArgument(std::string(kField),
                             "Cannot read the audit signing key " + path +
                                 (errno == ENOENT ? ": run `jigsaw init` to create it, or give its path."
                                                  : ": " + std::string(std::strerror(errno))));
    const Bytes seed = RandomBytes(32);
    // O_EXCL: two processes racing to create it cannot both succeed.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
      if (errno == EEXIST) return LoadSigningKey(path, false);
      return InvalidArgument(std::string(kField), "Cannot create " + path + ": " + std::strerror(errno));
    }
    const std::string text = HexEncode(seed) + "\n";
    const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                         ::fsync(fd) == 0;
    ::close(fd);
    if (!written) return InvalidArgument(std::string(kField), "Cannot write " + path);
    log::Info("audit.signing_key_created", {{"path", path}});
    return audit::SigningKey::FromSeed(seed);
  }
  std::string line;
  std::getline(in, line);
  auto seed = HexDecode(line);
  if (!seed || seed->size() != 32)
    return InvalidArgument(std::string(kField), path + " does not hold a 32-byte key in hex.");
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
    log::Warning("audit.signing_key_permissions", {{"path", path}, {"advice", "chmod 600"}});
  return audit::SigningKey::FromSeed(*seed);
}

}  // namespace jigsaw::app
