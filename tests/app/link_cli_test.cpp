// `jigsaw link` through the real binary: its output contract, its reports
// on bad input, and stored models.
#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "common/csv.h"
#include "common/random.h"
#include "linkage/records_csv.h"
#include "linkage/synthetic.h"

namespace jigsaw::app {
namespace {

struct LinkRun {
  int status;
  std::string out, err;
};

class LinkCli : public ::testing::Test {
 protected:
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::stringstream s;
    s << std::ifstream(path, std::ios::binary).rdbuf();
    return s.str();
  }
  LinkRun Link(const std::string& arguments) {
    const std::string err_path = (dir_ / "stderr").string();
    FILE* p = popen((std::string(JIGSAW_BINARY) + " link " + arguments + " 2>'" + err_path + "'").c_str(), "r");
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, p)) > 0;) out.append(buffer, n);
    const int status = pclose(p);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out, Read(err_path)};
  }
  static std::string Csv(const std::vector<linkage::Record>& records) {
    std::string text = std::string(linkage::kRecordsCsvHeader) + "\n";
    for (const auto& r : records) {
      const char* sex = r.sex == linkage::Sex::kFemale ? "F" : r.sex == linkage::Sex::kMale ? "M" : "";
      for (const std::string& f : {r.id, r.organisation, r.given_name, r.family_name, r.date_of_birth,
                                   std::string(sex), r.postcode, r.address_line, r.nhs_number})
        text += CsvField(f) + ",";
      text += CsvField(r.upn) + "\n";
    }
    return text;
  }

  std::filesystem::path dir_ = std::filesystem::temp_directory_path() / ("jigsaw-link-" + NewId());
  bool made_ = std::filesystem::create_directories(dir_);
};

TEST_F(LinkCli, PrintsOneClusterPerRecordAndTheScoredPairs) {
  const auto data = linkage::synthetic::Generate({.seed = 21, .children = 800});
  const std::string input = Write("in.csv", Csv(data.records));
  const std::string pairs = (dir_ / "pairs.csv").string();
  const LinkRun run = Link("'" + input + "' --threads 2 --pairs '" + pairs + "'");
  ASSERT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.err.find("trained on " + std::to_string(data.records.size()) + " records"), std::string::npos);

  const CsvTable out = ParseCsv(run.out);
  ASSERT_TRUE(out.errors.empty());
  ASSERT_EQ(out.rows.size(), data.records.size() + 1);
  EXPECT_EQ(out.rows[0].fields, (std::vector<std::string>{"record_id", "cluster_id"}));
  std::map<std::string, std::uint32_t> child_of;
  for (std::size_t i = 0; i < data.records.size(); ++i) child_of[data.records[i].id] = data.person[i];
  std::size_t wrong = 0;
  for (std::size_t i = 1; i < out.rows.size(); ++i) {
    const auto& f = out.rows[i].fields;
    ASSERT_EQ(f.size(), 2u);
    EXPECT_EQ(f[0], data.records[i - 1].id);  // in input order
    ASSERT_TRUE(child_of.count(f[1]));        // a cluster is named by one of its records
    wrong += child_of[f[0]] != child_of[f[1]];
  }
  EXPECT_EQ(wrong, 0u);

  const CsvTable scored = ParseCsv(Read(pairs));
  ASSERT_GT(scored.rows.size(), data.records.size() / 2);
  const auto& header = scored.rows[0].fields;
  ASSERT_EQ(header.size(), 20u);
  EXPECT_EQ(header[2], "probability");
  EXPECT_EQ(header[6], "given_name_level");
  for (std::size_t i = 1; i < scored.rows.size(); ++i) EXPECT_GE(std::stod(scored.rows[i].fields[2]), 0.5);
}

TEST_F(LinkCli, ReportsBadRowsByLineAndFieldAndGoesOn) {
  const std::string input = Write("bad.csv", std::string(linkage::kRecordsCsvHeader) +
                                                 "\n"
                                                 "a,School,Amelia,Smith,2015-03-04,F,BK1 2AB,14 Oak Road,,\n"
                                                 "b,GP,AMELIA,SMITH,04/03/2015,F,BK12AB,14 Oak Rd,943 476 5919,\n"
                                                 "c,GP,Grace,Smith,2015-03-04,Q,BK1 2AB,14 Oak Road,,\n"
                                                 "d,GP,too,few,fields\n"
                                                 "\"e\",Police,Grace,\"Smith\",2015-03-04,F,BK1 2AB,\"14 Oak\nRoad\",,\n"
                                                 "a,School,Again,Smith,2015-03-04,F,,,,\n"
                                                 "f,School,\"Broken,Smith,,,,,,\n");
  const LinkRun run = Link("'" + input + "'");
  EXPECT_EQ(run.status, 0) << run.err;
  for (const char* report : {"line 3: date_of_birth:", "line 4: sex:", "line 5: row:", "line 8: record_id:",
                             "line 9: row:", "problems reported: 5"})
    EXPECT_NE(run.err.find(report), std::string::npos) << report << "\n" << run.err;
  const CsvTable out = ParseCsv(run.out);
  ASSERT_EQ(out.rows.size(), 5u);  // the header, a, b, c, e
  std::map<std::string, std::string> cluster;
  for (std::size_t i = 1; i < out.rows.size(); ++i) cluster[out.rows[i].fields[0]] = out.rows[i].fields[1];
  EXPECT_EQ(cluster.size(), 4u);
  EXPECT_EQ(cluster["b"], cluster["a"]);  // the same child, the date read as unknown
  EXPECT_EQ(cluster["e"], cluster["c"]);  // Grace: her own child
  EXPECT_NE(cluster["c"], cluster["a"]);  // Amelia's twin
}

TEST_F(LinkCli, RefusesWhatItCannotUse) {
  const LinkRun no_header = Link("'" + Write("h.csv", "id,name\n1,Tom\n") + "'");
  EXPECT_EQ(no_header.status, 2);
  EXPECT_NE(no_header.err.find("header"), std::string::npos);
  EXPECT_TRUE(no_header.out.empty());
  const LinkRun missing = Link("'" + (dir_ / "nothing.csv").string() + "'");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("cannot read"), std::string::npos);
  const std::string good = Write("g.csv", std::string(linkage::kRecordsCsvHeader) + "\n");
  EXPECT_EQ(Link("'" + good + "' --threshold 1.5").status, 2);
  EXPECT_EQ(Link("'" + good + "' --threads zero").status, 2);
  EXPECT_EQ(Link("").status, 2);
  const LinkRun bad_model = Link("'" + good + "' --model '" + Write("m.txt", "not a model\n") + "'");
  EXPECT_EQ(bad_model.status, 2);
  EXPECT_NE(bad_model.err.find("model: Line 1"), std::string::npos);
}

TEST_F(LinkCli, AStoredModelLinksAsTheTrainingRunDid) {
  const auto data = linkage::synthetic::Generate({.seed = 22, .children = 600});
  const std::string input = Write("in.csv", Csv(data.records));
  const std::string model = (dir_ / "model.txt").string();
  const LinkRun trained = Link("'" + input + "' --save-model '" + model + "'");
  ASSERT_EQ(trained.status, 0) << trained.err;
  const LinkRun stored = Link("'" + input + "' --model '" + model + "'");
  ASSERT_EQ(stored.status, 0) << stored.err;
  EXPECT_EQ(stored.out, trained.out);
  EXPECT_EQ(stored.err.find("trained on"), std::string::npos);
  // Records on standard input.
  const LinkRun piped = Link("- --model '" + model + "' < '" + input + "'");
  EXPECT_EQ(piped.out, trained.out);
}

}  // namespace
}  // namespace jigsaw::app
