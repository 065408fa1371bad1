// Keeps docs/rules.md honest: every rule the engine can give is in the
// table, and every rule has its own test.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace {

std::string Read(const std::string& path) {
  std::ifstream f(path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::set<std::string> EngineRules() {
  const std::string engine = Read(JIGSAW_SOURCE_DIR "/src/guidance/engine.cpp");
  std::set<std::string> ids;
  const std::regex say(R"re(Say\("([A-Z0-9]+\.[a-z0-9-]+)")re");
  for (auto it = std::sregex_iterator(engine.begin(), engine.end(), say); it != std::sregex_iterator(); ++it)
    ids.insert((*it)[1]);
  return ids;
}

std::string TestName(const std::string& id) {
  // "GR1.safety-first" -> "GR1_SafetyFirst"
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '.') { out += '_'; upper = true; }
    else if (c == '-') { upper = true; }
    else { out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c; upper = false; }
  }
  // The prefix keeps its case: GR1, CONF, NOCONCERN...
  const auto dot = id.find('.');
  return id.substr(0, dot) + out.substr(dot);
}

TEST(RulesDocumentation, EveryRuleIsDocumentedAndTested) {
  const auto ids = EngineRules();
  ASSERT_GT(ids.size(), 40u);
  const std::string doc = Read(JIGSAW_SOURCE_DIR "/docs/rules.md");
  const std::string tests = Read(JIGSAW_SOURCE_DIR "/tests/guidance/rules_test.cpp");
  for (const auto& id : ids) {
    EXPECT_NE(doc.find("| " + id + " |"), std::string::npos) << id << " is not in docs/rules.md";
    EXPECT_NE(tests.find("TEST(Rules, " + TestName(id) + ")"), std::string::npos)
        << id << " has no test Rules." << TestName(id);
  }
}

}  // namespace
