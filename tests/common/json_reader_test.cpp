#include "common/json_reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <random>

namespace jigsaw {
namespace {

TEST(JsonReaderTest, ReadsEveryKindOfValue) {
  auto doc = JsonDocument::Parse(R"( {"s": "a\"b\\c\u00e9\ud83d\ude00", "t": true, "f": false,
                                      "n": null, "i": -42, "d": 1.5e3, "a": [1, [2], {}], "o": {"k": "v"}} )");
  ASSERT_TRUE(doc) << doc.error().message;
  const JsonValue root = doc->root();
  EXPECT_EQ(root.size(), 8u);
  EXPECT_EQ(root.Find("s")->AsString(), "a\"b\\c\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_TRUE(root.Find("t")->AsBool());
  EXPECT_FALSE(root.Find("f")->AsBool());
  EXPECT_TRUE(root.Find("n")->IsNull());
  EXPECT_TRUE(root.Find("i")->IsInteger());
  EXPECT_EQ(root.Find("i")->AsInt(), -42);
  EXPECT_TRUE(root.Find("d")->IsNumber());
  EXPECT_FALSE(root.Find("d")->IsInteger());
  const auto a = root.Find("a")->Elements();
  ASSERT_EQ(a.size(), 3u);
  EXPECT_EQ(a[1].Elements()[0].AsInt(), 2);
  EXPECT_TRUE(a[2].IsObject());
  EXPECT_EQ(root.Find("o")->Find("k")->AsString(), "v");
  EXPECT_FALSE(root.Find("missing"));
  const auto members = root.Members();
  EXPECT_EQ(members.front().first, "s");
  EXPECT_EQ(members.back().first, "o");
}

TEST(JsonReaderTest, RejectsWhatIsNotJsonAndSaysWhere) {
  for (std::string_view bad :
       {"", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "01", "1.", "-", "tru", "\"\\x\"", "\"a",
        "{\"a\" 1}", "[1 2]", "\"\\ud800\"", "\"\x01\"", "\"\xc3\"", "\"\xed\xa0\x80\"", "{} {}",
        "{\"a\":1,\"a\":2}", "NaN", "'a'"}) {
    auto doc = JsonDocument::Parse(bad);
    EXPECT_FALSE(doc) << bad;
    if (!doc) {
      EXPECT_EQ(doc.error().field, "body");
      EXPECT_NE(doc.error().message.find("at byte"), std::string::npos);
    }
  }
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(JsonDocument::Parse(deep));
}

// {"k0":0,"k1":0,...}: an object of `n` distinct names, then `extra`.
std::string ObjectOf(int n, std::string_view extra = {}) {
  std::string text = "{";
  for (int i = 0; i < n; ++i) {
    text += i ? ",\"k" : "\"k";
    text += std::to_string(i);
    text += "\":0";
  }
  text += extra;
  text += '}';
  return text;
}

void ExpectRefusedNaming(const Result<JsonDocument>& doc, std::string_view limit) {
  ASSERT_FALSE(doc);
  EXPECT_EQ(doc.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(doc.error().field, "body");
  EXPECT_NE(doc.error().message.find(limit), std::string::npos) << doc.error().message;
  EXPECT_NE(doc.error().message.find("more than any request needs"), std::string::npos) << doc.error().message;
}

TEST(JsonReaderTest, RefusesMoreMembersThanAnyRequestNeeds) {
  const JsonLimits limits;
  EXPECT_TRUE(JsonDocument::Parse(ObjectOf(limits.max_members)));
  ExpectRefusedNaming(JsonDocument::Parse(ObjectOf(limits.max_members + 1)), "more than 64 members");
  // The flood anyone can send to the sign-in address: refused at once.
  ExpectRefusedNaming(JsonDocument::Parse(ObjectOf(100000)), "more than 64 members");
}

TEST(JsonReaderTest, RefusesLongerArraysDeeperNestingAndMoreValues) {
  const JsonLimits limits;
  std::string array = "[0";
  for (std::uint32_t i = 1; i < limits.max_elements; ++i) array += ",0";
  EXPECT_TRUE(JsonDocument::Parse(array + "]"));
  ExpectRefusedNaming(JsonDocument::Parse(array + ",0]"), "more than 1000 elements");

  const auto nested = [](std::uint32_t depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(JsonDocument::Parse(nested(limits.max_depth)));
  ExpectRefusedNaming(JsonDocument::Parse(nested(limits.max_depth + 1)), "nested more than 8 deep");
  ExpectRefusedNaming(JsonDocument::Parse(nested(100000)), "nested more than 8 deep");

  // 70 arrays of 1,000 values: each within its own limit, too many in all.
  std::string many = "[";
  for (int a = 0; a < 70; ++a) many += (a ? "," : "") + array + "]";
  many += "]";
  ExpectRefusedNaming(JsonDocument::Parse(many), "more than 65536 values");
  EXPECT_TRUE(JsonDocument::Parse(many, {.max_values = 70 * 1001 + 1}));
}

TEST(JsonReaderTest, FindsRepeatedNamesInLargeObjectsWhereverTheyAre) {
  // Past eight members names are found by hashing: a repeat is caught at
  // any position, and the same name in another object is no repeat.
  const JsonLimits lifted{.max_members = 200000, .max_values = 1000000};
  for (int n : {9, 10, 64, 1000, 100000}) {
    for (int repeated : {0, 7, 8, n / 2, n - 1}) {
      const std::string again = std::string(",\"k").append(std::to_string(repeated)).append("\":1");
      auto doc = JsonDocument::Parse(ObjectOf(n, again), lifted);
      ASSERT_FALSE(doc) << n << " " << repeated;
      EXPECT_NE(doc.error().message.find("duplicate member name"), std::string::npos);
    }
    auto whole = JsonDocument::Parse(ObjectOf(n), lifted);
    ASSERT_TRUE(whole) << whole.error().message;
    EXPECT_EQ(whole->root().size(), static_cast<std::size_t>(n));
    EXPECT_EQ(whole->root().Find(std::string("k").append(std::to_string(n - 1)))->AsInt(), 0);
  }
  const std::string inner = std::string(",\"inner\":").append(ObjectOf(40));
  const std::string siblings = std::string("[").append(ObjectOf(50)).append(",").append(ObjectOf(50, inner)).append("]");
  auto doc = JsonDocument::Parse(siblings);
  ASSERT_TRUE(doc) << doc.error().message;
  EXPECT_EQ(doc->root().Elements()[1].Find("inner")->size(), 40u);
}

// Converts our document to nlohmann's, to compare the two readers.
nlohmann::json ToNlohmann(JsonValue v) {
  switch (v.type()) {
    case JsonType::kNull: return nullptr;
    case JsonType::kBool: return v.AsBool();
    case JsonType::kNumber: return v.IsInteger() ? nlohmann::json(v.AsInt()) : nlohmann::json("number");
    case JsonType::kString: return v.AsString();
    case JsonType::kArray: {
      nlohmann::json a = nlohmann::json::array();
      for (auto e : v.Elements()) a.push_back(ToNlohmann(e));
      return a;
    }
    case JsonType::kObject: {
      nlohmann::json o = nlohmann::json::object();
      for (auto& [k, e] : v.Members()) o[std::string(k)] = ToNlohmann(e);
      return o;
    }
  }
  return nullptr;
}

nlohmann::json Normalise(const nlohmann::json& j) {
  if (j.is_number_float()) return "number";
  if (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(INT64_MAX)) return "number";
  if (j.is_array()) {
    nlohmann::json a = nlohmann::json::array();
    for (auto& e : j) a.push_back(Normalise(e));
    return a;
  }
  if (j.is_object()) {
    nlohmann::json o = nlohmann::json::object();
    for (auto& [k, e] : j.items()) o[k] = Normalise(e);
    return o;
  }
  return j;
}

nlohmann::json Generate(std::mt19937& g, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 4 : 6);
  switch (kind(g)) {
    case 0: return nullptr;
    case 1: return std::bernoulli_distribution(0.5)(g);
    case 2: return std::uniform_int_distribution<std::int64_t>(-1000000, 1000000)(g);
    case 3: return std::uniform_real_distribution<double>(-1e6, 1e6)(g);
    case 4: {
      std::string s;
      for (int i = std::uniform_int_distribution(0, 12)(g); i > 0; --i) {
        static const char* const kPool[] = {"a", "b", " ", "\"", "\\", "/", "\n", "\t", "\x01",
                                            "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80"};
        s += kPool[std::uniform_int_distribution<std::size_t>(0, std::size(kPool) - 1)(g)];
      }
      return s;
    }
    case 5: {
      nlohmann::json a = nlohmann::json::array();
      for (int i = std::uniform_int_distribution(0, 4)(g); i > 0; --i) a.push_back(Generate(g, depth + 1));
      return a;
    }
    default: {
      nlohmann::json o = nlohmann::json::object();
      for (int i = std::uniform_int_distribution(0, 4)(g); i > 0; --i)
        o["k" + std::to_string(std::uniform_int_distribution(0, 9)(g))] = Generate(g, depth + 1);
      return o;
    }
  }
}

TEST(JsonReaderTest, AgreesWithAnIndependentParserOnValidJson) {
  std::mt19937 g(42);
  for (int n = 0; n < 3000; ++n) {
    const nlohmann::json original = Generate(g, 0);
    const std::string text = original.dump(n % 2 ? 2 : -1, ' ', n % 3 == 0);
    auto doc = JsonDocument::Parse(text);
    ASSERT_TRUE(doc) << text << "\n" << doc.error().message;
    ASSERT_EQ(ToNlohmann(doc->root()), Normalise(original)) << text;
  }
}

TEST(JsonReaderTest, AcceptsExactlyWhatAnIndependentParserAcceptsUnderMutation) {
  // Random byte edits of valid documents: both readers must agree on whether
  // the result is JSON (duplicate keys excepted: we refuse them, by design).
  std::mt19937 g(7);
  for (int n = 0; n < 5000; ++n) {
    std::string text = Generate(g, 0).dump();
    const int edits = std::uniform_int_distribution(1, 3)(g);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const std::size_t at = std::uniform_int_distribution<std::size_t>(0, text.size() - 1)(g);
      const char pool[] = "{}[],:\"\\ 0-.eEtfnu\x80\xff";
      switch (std::uniform_int_distribution(0, 2)(g)) {
        case 0: text.erase(at, 1); break;
        case 1: text.insert(at, 1, pool[std::uniform_int_distribution<std::size_t>(0, sizeof pool - 2)(g)]); break;
        default: text[at] = pool[std::uniform_int_distribution<std::size_t>(0, sizeof pool - 2)(g)];
      }
    }
    const bool theirs = nlohmann::json::accept(text);
    auto ours = JsonDocument::Parse(text);
    if (!ours && ours.error().message.find("duplicate") != std::string::npos) continue;
    // A number too large for a double is grammatical JSON; nlohmann refuses
    // it, we accept it (and never read it as a float).
    if (ours && !theirs) {
      try {
        [[maybe_unused]] const auto parsed = nlohmann::json::parse(text);
      } catch (const nlohmann::json::out_of_range&) {
        continue;
      } catch (const nlohmann::json::exception&) {
      }
    }
    ASSERT_EQ(ours.has_value(), theirs) << text;
  }
}

}  // namespace
}  // namespace jigsaw
