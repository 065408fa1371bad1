#include "common/json_writer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace jigsaw {
namespace {

TEST(JsonWriterTest, PlacesCommasAndNests) {
  JsonWriter w;
  w.BeginObject().Key("a").Int(-1).Key("b").BeginArray().Bool(true).Null().BeginObject().EndObject().EndArray();
  w.Key("c").BeginArray().EndArray().EndObject();
  EXPECT_EQ(w.Take(), R"({"a":-1,"b":[true,null,{}],"c":[]})");
}

TEST(JsonWriterTest, EscapesEverythingJsonRequires) {
  const std::string nasty = std::string("quote\" back\\ nl\n tab\t cr\r nul") + '\0' + "\x1f é </script>";
  JsonWriter w;
  w.BeginObject().Key(nasty).String(nasty).EndObject();
  const std::string text = w.Take();
  const auto parsed = nlohmann::json::parse(text);  // throws if invalid
  EXPECT_EQ(parsed[nasty], nasty);
  EXPECT_EQ(text.find('\n'), std::string::npos);
  EXPECT_NE(text.find("\\u0000"), std::string::npos);
}

}  // namespace
}  // namespace jigsaw
