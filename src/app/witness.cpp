#include "app/witness.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app/signing_key.h"
#include "common/json_writer.h"
#include "common/random.h"

namespace jigsaw::app {
namespace {

std::string Base(std::string url) {
  while (url.ends_with("/")) url.pop_back();
  return url;
}

Result<std::string> GetJson(const std::string& url, const http::FetchOptions& fetch) {
  const http::FetchReply reply = JIGSAW_TRY(http::Fetch(url, fetch));
  if (reply.status != 200)
    return Fail(ErrorCode::kUnavailable, url + " answered " + std::to_string(reply.status) + ".");
  return reply.body;
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": " + std::strerror(errno));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

Result<Witness> Witness::Open(WitnessConfig config, const Clock& clock) {
  if (config.log_url.empty()) return InvalidArgument("log", "Give the log's address, e.g. --log https://jigsaw.example.");
  if (config.log_keys.empty())
    return InvalidArgument("log-key", "Give the log's public key (from its operator, checked out of band) with --log-key.");
  if (config.state_file.empty()) return InvalidArgument("state", "Give the file the witness keeps its copy in.");
  if (config.key_file.empty()) return InvalidArgument("key", "Give the witness's own key file.");
  config.log_url = Base(config.log_url);
  auto key = LoadSigningKey(config.key_file, /*create=*/true);
  if (!key) return InvalidArgument("key", key.error().message);
  return Witness(std::move(config), clock, std::move(*key));
}

Result<audit::TreeHead> Witness::FetchHead() const {
  const std::string body = JIGSAW_TRY(GetJson(config_.log_url + "/api/v1/audit/tree-head", config_.fetch));
  auto head = audit::ParseTreeHeadJson(body);
  if (!head) return Fail(ErrorCode::kUnavailable, "The log's tree head cannot be read: " + head.error().message);
  return *head;
}

Result<std::vector<audit::Hash>> Witness::FetchProof(std::uint64_t first, std::uint64_t second) const {
  const std::string body = JIGSAW_TRY(GetJson(config_.log_url + "/api/v1/audit/proofs/consistency?first=" +
                                                  std::to_string(first) + "&second=" + std::to_string(second),
                                              config_.fetch));
  auto doc = JsonDocument::Parse(body);
  std::vector<audit::Hash> path;
  const auto bad = [] { return Fail(ErrorCode::kUnavailable, "The log's consistency proof cannot be read."); };
  if (!doc || !doc->root().IsObject()) return bad();
  auto list = doc->root().Find("consistency_path");
  if (!list || !list->IsArray()) return bad();
  for (const auto& h : list->Elements()) {
    auto bytes = h.IsString() ? HexDecode(h.AsString()) : std::nullopt;
    if (!bytes || bytes->size() != 32) return bad();
    audit::Hash x;
    std::copy(bytes->begin(), bytes->end(), x.begin());
    path.push_back(x);
  }
  return path;
}

Result<std::vector<audit::CosignedHead>> Witness::Cosigned() const {
  auto text = ReadFile(config_.state_file);
  if (!text) {
    if (text.error().code == ErrorCode::kNotFound) return std::vector<audit::CosignedHead>{};
    return std::unexpected(text.error());
  }
  auto heads = ParseCosigned(*text);
  if (!heads) return InvalidArgument("state", config_.state_file + " is damaged: " + heads.error().message);
  return heads;
}

Status Witness::Keep(const audit::CosignedHead& cosigned) const {
  const std::string line = audit::CosignedHeadJson(cosigned) + "\n";
  const int fd = ::open(config_.state_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  if (fd < 0) return InvalidArgument("state", "Cannot write " + config_.state_file + ": " + std::strerror(errno));
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return InvalidArgument("state", "Cannot write " + config_.state_file + ".");
  return Ok();
}

Result<audit::WitnessDecision> Witness::Poll() {
  const auto kept = JIGSAW_TRY(Cosigned());
  std::optional<audit::TreeHead> last;
  if (!kept.empty()) last = kept.back().head;
  const audit::TreeHead next = JIGSAW_TRY(FetchHead());
  std::vector<audit::Hash> proof;
  if (last && last->size > 0 && next.size > last->size) proof = JIGSAW_TRY(FetchProof(last->size, next.size));
  audit::WitnessDecision decision = audit::Consider(last, next, proof, config_.log_keys);
  if (decision.Countersign()) JIGSAW_RETURN_IF_ERROR(Keep(audit::Cosign(next, key_, clock_->Now())));
  return decision;
}

Result<std::string> Witness::CosignedDocument() const {
  const auto heads = JIGSAW_TRY(Cosigned());
  std::string out = "{\"witness\":{\"key_id\":\"" + key_.key_id() + "\",\"public_key\":\"" +
                    HexEncode(key_.public_key()) + "\",\"algorithm\":\"Ed25519\"},";
  JsonWriter log(256);
  log.String(config_.log_url);
  out += "\"log\":" + log.Take() + ",\"cosigned\":[";
  for (std::size_t i = 0; i < heads.size(); ++i) out += (i ? "," : "") + audit::CosignedHeadJson(heads[i]);
  return out + "]}";
}

Result<std::vector<audit::CosignedHead>> ParseCosigned(std::string_view text) {
  std::vector<audit::CosignedHead> out;
  // The served document: one object with a "cosigned" array.
  if (auto doc = JsonDocument::Parse(text); doc && doc->root().IsObject()) {
    if (auto list = doc->root().Find("cosigned")) {
      if (!list->IsArray()) return InvalidArgument("cosigned", "Expected an array of countersigned heads.");
      const auto elements = list->Elements();
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (!elements[i].IsObject()) return InvalidArgument("cosigned", "Each entry must be an object.");
        out.push_back(JIGSAW_TRY(audit::CosignedHeadFromJson(JsonFields(elements[i], "cosigned[" + std::to_string(i) + "]."))));
      }
      return out;
    }
  }
  // The witness's own copy: one object a line.
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto doc = JsonDocument::Parse(line);
    const std::string where = "line " + std::to_string(number) + ": ";
    if (!doc || !doc->root().IsObject()) return InvalidArgument("witness", where + "not a countersigned head.");
    auto head = audit::CosignedHeadFromJson(JsonFields(doc->root()));
    if (!head) return InvalidArgument("witness", where + head.error().field + ": " + head.error().message);
    out.push_back(*head);
  }
  return out;
}

Result<std::vector<audit::CosignedHead>> LoadCosigned(const std::string& source, const http::FetchOptions& fetch) {
  if (source.starts_with("http://") || source.starts_with("https://")) {
    std::string url = Base(source);
    const auto scheme = url.find("://");
    if (url.find('/', scheme + 3) == std::string::npos) url += "/v1/cosigned";
    return ParseCosigned(JIGSAW_TRY(GetJson(url, fetch)));
  }
  auto text = ReadFile(source);
  if (!text) return InvalidArgument("witness", "Cannot read " + source + ".");
  return ParseCosigned(*text);
}

}  // namespace jigsaw::app
