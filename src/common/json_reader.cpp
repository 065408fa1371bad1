#include "common/json_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <functional>

namespace jigsaw {

class JsonParser {
 public:
  JsonParser(std::string_view text, const JsonLimits& limits) : s_(text), limits_(limits) {}

  Result<JsonDocument> Run() {
    JsonDocument doc;
    // Names are nodes too, so a document within the limits has at most
    // twice max_values nodes: a huge body does not reserve more.
    doc.nodes_.reserve(64 + std::min<std::size_t>(s_.size() / 8, std::size_t{2} * limits_.max_values));
    nodes_ = &doc.nodes_;
    SkipSpace();
    if (!Value(0)) return Error();
    SkipSpace();
    if (p_ != s_.size()) {
      message_ = "unexpected text after the JSON value";
      return Error();
    }
    return doc;
  }

 private:
  // Objects up to this many members are checked for a repeated name by
  // looking back through them; larger ones through a hash table.
  static constexpr std::uint32_t kLinearMembers = 8;

  std::unexpected<jigsaw::Error> Error() const {
    if (!refused_.empty())
      return InvalidArgument("body", "The body is refused (at byte " + std::to_string(p_) + "): " + refused_ +
                                         ", more than any request needs.");
    return InvalidArgument("body", "The body is not valid JSON (at byte " + std::to_string(p_) +
                                       "): " + message_ + ".");
  }
  // A document beyond JsonLimits: `what` names the limit.
  bool Refuse(std::string what) {
    refused_ = std::move(what);
    return false;
  }
  bool Fail(const char* message) {
    message_ = message;
    return false;
  }
  void SkipSpace() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\n' || s_[p_] == '\r' || s_[p_] == '\t')) ++p_;
  }
  bool Eat(char c) {
    if (p_ < s_.size() && s_[p_] == c) {
      ++p_;
      return true;
    }
    return false;
  }
  std::uint32_t Push(JsonType t) {
    nodes_->emplace_back();
    nodes_->back().type = t;
    return static_cast<std::uint32_t>(nodes_->size() - 1);
  }
  void Close(std::uint32_t node) { (*nodes_)[node].end = static_cast<std::uint32_t>(nodes_->size()); }

  bool Value(std::uint32_t depth) {
    if (p_ >= s_.size()) return Fail("unexpected end of input");
    if (values_ == limits_.max_values)
      return Refuse("the document has more than " + std::to_string(limits_.max_values) + " values");
    ++values_;
    switch (s_[p_]) {
      case '{': return Object(depth);
      case '[': return Array(depth);
      case '"': {
        const auto n = Push(JsonType::kString);
        if (!String((*nodes_)[n].text)) return false;
        Close(n);
        return true;
      }
      case 't': return Literal("true", JsonType::kBool, true);
      case 'f': return Literal("false", JsonType::kBool, false);
      case 'n': return Literal("null", JsonType::kNull, false);
      default: return Number();
    }
  }

  bool Literal(std::string_view word, JsonType t, bool value) {
    if (s_.substr(p_, word.size()) != word) return Fail("unexpected character");
    p_ += word.size();
    const auto n = Push(t);
    (*nodes_)[n].boolean = value;
    Close(n);
    return true;
  }

  bool Number() {
    const std::size_t start = p_;
    Eat('-');
    if (Eat('0')) {
    } else if (p_ < s_.size() && s_[p_] >= '1' && s_[p_] <= '9') {
      while (p_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p_]))) ++p_;
    } else {
      return Fail("unexpected character");
    }
    bool integer = true;
    if (Eat('.')) {
      integer = false;
      if (p_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[p_]))) return Fail("a digit must follow '.'");
      while (p_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p_]))) ++p_;
    }
    if (p_ < s_.size() && (s_[p_] == 'e' || s_[p_] == 'E')) {
      integer = false;
      ++p_;
      if (!Eat('+')) Eat('-');
      if (p_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[p_]))) return Fail("a digit must follow the exponent");
      while (p_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[p_]))) ++p_;
    }
    const auto n = Push(JsonType::kNumber);
    if (integer) {
      std::int64_t v = 0;
      const auto [ptr, ec] = std::from_chars(s_.data() + start, s_.data() + p_, v);
      (*nodes_)[n].integer = ec == std::errc{} && ptr == s_.data() + p_;
      (*nodes_)[n].number = v;
    }
    Close(n);
    return true;
  }

  static void AppendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  bool Hex4(std::uint32_t& out) {
    if (p_ + 4 > s_.size()) return Fail("incomplete \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[p_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<std::uint32_t>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<std::uint32_t>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<std::uint32_t>(c - 'A' + 10);
      else return Fail("invalid \\u escape");
    }
    return true;
  }

  // Copies one UTF-8 sequence, checking it is well formed (no overlongs,
  // surrogates or code points past U+10FFFF).
  bool Utf8(std::string& out) {
    const auto c = static_cast<unsigned char>(s_[p_]);
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return Fail("invalid UTF-8");
    if (p_ + len > s_.size()) return Fail("invalid UTF-8");
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s_[p_ + k]);
      if ((b & 0xC0) != 0x80) return Fail("invalid UTF-8");
      cp = (cp << 6) | (b & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return Fail("invalid UTF-8");
    out.append(s_.data() + p_, len);
    p_ += len;
    return true;
  }

  bool String(std::string& out) {
    ++p_;  // the opening quote
    for (;;) {
      // Copy the run of plain ASCII in one go: most strings are nothing else.
      std::size_t run = p_;
      while (run < s_.size()) {
        const auto c = static_cast<unsigned char>(s_[run]);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
        ++run;
      }
      out.append(s_.data() + p_, run - p_);
      p_ = run;
      if (p_ >= s_.size()) return Fail("unterminated string");
      const auto c = static_cast<unsigned char>(s_[p_]);
      if (c == '"') {
        ++p_;
        return true;
      }
      if (c < 0x20) return Fail("control character in string");
      if (c >= 0x80) {
        if (!Utf8(out)) return false;
        continue;
      }
      ++p_;  // backslash
      if (p_ >= s_.size()) return Fail("unterminated string");
      const char e = s_[p_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp;
          if (!Hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            std::uint32_t low;
            if (!Eat('\\') || !Eat('u') || !Hex4(low) || low < 0xDC00 || low > 0xDFFF)
              return Fail("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Fail("unpaired surrogate in \\u escape");
          }
          AppendUtf8(out, cp);
          break;
        }
        default: return Fail("invalid escape in string");
      }
    }
  }

  bool TooDeep() {
    return Refuse("arrays and objects are nested more than " + std::to_string(limits_.max_depth) + " deep");
  }

  bool Array(std::uint32_t depth) {
    if (depth >= limits_.max_depth) return TooDeep();
    ++p_;
    const auto n = Push(JsonType::kArray);
    std::uint32_t count = 0;
    SkipSpace();
    if (!Eat(']')) {
      for (;;) {
        SkipSpace();
        if (count == limits_.max_elements)
          return Refuse("an array has more than " + std::to_string(limits_.max_elements) + " elements");
        if (!Value(depth + 1)) return false;
        ++count;
        SkipSpace();
        if (Eat(']')) break;
        if (!Eat(',')) return Fail("expected ',' or ']'");
      }
    }
    (*nodes_)[n].count = count;
    Close(n);
    return true;
  }

  bool Object(std::uint32_t depth) {
    if (depth >= limits_.max_depth) return TooDeep();
    ++p_;
    const auto n = Push(JsonType::kObject);
    std::uint32_t count = 0;
    SkipSpace();
    if (!Eat('}')) {
      for (;;) {
        SkipSpace();
        if (p_ >= s_.size() || s_[p_] != '"') return Fail("expected a member name in quotes");
        if (count == limits_.max_members)
          return Refuse("an object has more than " + std::to_string(limits_.max_members) + " members");
        const auto key = Push(JsonType::kString);
        if (!String((*nodes_)[key].text)) return false;
        (*nodes_)[key].end = key + 1;
        // Duplicate names make a request ambiguous; refuse them.
        if (!FirstWithName(n, key, count)) return Fail("duplicate member name");
        SkipSpace();
        if (!Eat(':')) return Fail("expected ':'");
        SkipSpace();
        if (!Value(depth + 1)) return false;
        ++count;
        SkipSpace();
        if (Eat('}')) break;
        if (!Eat(',')) return Fail("expected ',' or '}'");
      }
    }
    (*nodes_)[n].count = count;
    Close(n);
    return true;
  }

  // True unless an earlier member of `object` has the name of key node
  // `key`, its member number `count`. Looking back through every earlier
  // member would make an object of n members cost n^2/2 comparisons; past
  // kLinearMembers, the object's names go into `names_` instead.
  bool FirstWithName(std::uint32_t object, std::uint32_t key, std::uint32_t count) {
    const auto& nodes = *nodes_;
    if (count < kLinearMembers) {
      for (std::uint32_t k = object + 1; k < key; k = nodes[k + 1].end)
        if (nodes[k].text == nodes[key].text) return false;
      return true;
    }
    if (count == kLinearMembers)
      for (std::uint32_t k = object + 1; k < key; k = nodes[k + 1].end) (void)InsertName(object, k);
    return InsertName(object, key);
  }

  // One open-addressing table for the whole document, keyed by (object,
  // name), so that nothing is cleared or reallocated per object. The hash
  // is kept so that probing and growing touch no node but a likely match.
  struct NameSlot {
    std::size_t hash = 0;
    std::uint32_t object = 0;
    std::uint32_t key = 0;  // key node index + 1; 0 for an empty slot
  };

  static std::size_t NameHash(std::uint32_t object, std::string_view name) {
    return std::hash<std::string_view>{}(name) ^ (std::size_t{object} * 0x9E3779B97F4A7C15ull);
  }

  // Adds key node `key` of `object`; false if the object already has that name.
  bool InsertName(std::uint32_t object, std::uint32_t key) {
    if ((names_used_ + 1) * 2 > names_.size()) GrowNames();
    const auto& nodes = *nodes_;
    const std::string& name = nodes[key].text;
    const std::size_t hash = NameHash(object, name);
    const std::size_t mask = names_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      NameSlot& slot = names_[i];
      if (slot.key == 0) {
        slot = {hash, object, key + 1};
        ++names_used_;
        return true;
      }
      if (slot.hash == hash && slot.object == object && nodes[slot.key - 1].text == name) return false;
    }
  }

  void GrowNames() {
    std::vector<NameSlot> old = std::move(names_);
    names_.assign(std::max<std::size_t>(64, old.size() * 2), NameSlot{});
    const std::size_t mask = names_.size() - 1;
    for (const NameSlot& s : old) {
      if (s.key == 0) continue;
      std::size_t i = s.hash & mask;
      while (names_[i].key != 0) i = (i + 1) & mask;
      names_[i] = s;
    }
  }

  std::string_view s_;
  const JsonLimits& limits_;
  std::size_t p_ = 0;
  std::uint32_t values_ = 0;
  std::vector<JsonDocument::Node>* nodes_ = nullptr;
  const char* message_ = "";
  std::string refused_;  // set when the document exceeds a limit
  std::vector<NameSlot> names_;
  std::size_t names_used_ = 0;
};

Result<JsonDocument> JsonDocument::Parse(std::string_view text, const JsonLimits& limits) {
  return JsonParser(text, limits).Run();
}

JsonType JsonValue::type() const { return doc_->nodes_[index_].type; }
bool JsonValue::IsInteger() const { return IsNumber() && doc_->nodes_[index_].integer; }
bool JsonValue::AsBool() const { return doc_->nodes_[index_].boolean; }
std::int64_t JsonValue::AsInt() const { return doc_->nodes_[index_].number; }
const std::string& JsonValue::AsString() const { return doc_->nodes_[index_].text; }
std::size_t JsonValue::size() const { return doc_->nodes_[index_].count; }

std::vector<JsonValue> JsonValue::Elements() const {
  std::vector<JsonValue> out;
  if (!IsArray()) return out;
  out.reserve(size());
  const auto& nodes = doc_->nodes_;
  for (std::uint32_t i = index_ + 1; i < nodes[index_].end; i = nodes[i].end) out.push_back(JsonValue(doc_, i));
  return out;
}

std::vector<std::pair<std::string_view, JsonValue>> JsonValue::Members() const {
  std::vector<std::pair<std::string_view, JsonValue>> out;
  if (!IsObject()) return out;
  out.reserve(size());
  const auto& nodes = doc_->nodes_;
  for (std::uint32_t k = index_ + 1; k < nodes[index_].end; k = nodes[k + 1].end)
    out.emplace_back(nodes[k].text, JsonValue(doc_, k + 1));
  return out;
}

std::optional<JsonValue> JsonValue::Find(std::string_view key) const {
  if (!IsObject()) return std::nullopt;
  const auto& nodes = doc_->nodes_;
  for (std::uint32_t k = index_ + 1; k < nodes[index_].end; k = nodes[k + 1].end)
    if (nodes[k].text == key) return JsonValue(doc_, k + 1);
  return std::nullopt;
}

}  // namespace jigsaw
