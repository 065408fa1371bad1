#include "app/link_command.h"

#include <charconv>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_set>

#include "common/csv.h"
#include "linkage/linkage.h"

namespace jigsaw::app {
namespace {

std::optional<std::string> ReadAll(const std::string& path, std::istream& in) {
  std::stringstream buffer;
  if (path == "-") {
    buffer << in.rdbuf();
    return buffer.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  buffer << file.rdbuf();
  return buffer.str();
}

// A probability in [0, 1] from the command line, or nullopt.
std::optional<double> Probability(const std::string& text, double fallback) {
  if (text.empty()) return fallback;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !(v >= 0 && v <= 1)) return std::nullopt;
  return v;
}

std::optional<int> Threads(const std::string& text) {
  if (text.empty()) return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  int v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1 || v > 256) return std::nullopt;
  return v;
}

std::string Number(double v) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v, std::chars_format::fixed, 4);
  return std::string(buffer, end);
}

void WritePairs(std::ostream& out, const linkage::Model& model, const linkage::RecordSet& set,
                const linkage::RecordsCsv& read, const linkage::LinkResult& result) {
  out << "record_id_a,record_id_b,probability,match_weight,prior_weight,relative_term";
  for (linkage::Field f : linkage::kFields) out << "," << FieldName(f) << "_level," << FieldName(f) << "_weight";
  out << "\n";
  for (const linkage::ScoredPair& p : result.pairs) {
    const linkage::Explanation e = linkage::Explain(model, set, p.a, p.b);
    out << CsvField(read.records[p.a].id) << "," << CsvField(read.records[p.b].id) << "," << Number(e.probability)
        << "," << Number(e.match_weight) << "," << Number(e.prior_weight) << "," << Number(e.relative_term);
    for (const auto& f : e.fields) out << "," << f.level_name << "," << Number(f.weight);
    out << "\n";
  }
}

int Usage(std::ostream& err, const std::string& message) {
  err << "jigsaw: " << message << "\n";
  return 2;
}

std::optional<linkage::Model> LoadModel(const std::string& path, std::istream& in, std::ostream& err) {
  const auto text = ReadAll(path, in);
  if (!text) {
    err << "jigsaw: model: cannot read " << path << "\n";
    return std::nullopt;
  }
  auto model = linkage::Model::Parse(*text);
  if (!model) {
    err << "jigsaw: model: " << model.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*model);
}

linkage::Model TrainReporting(const linkage::RecordSet& set, int threads, std::ostream& err) {
  linkage::TrainingReport report;
  linkage::Model model = linkage::Train(set, {.threads = threads}, &report);
  if (!report.trained) {
    err << "jigsaw: " << report.records
        << " records are too few to train on: the starting model is used (docs/linkage.md).\n";
  } else {
    err << "jigsaw: trained on " << report.records << " records: u from " << report.u_pairs << " random pairs";
    for (const auto& s : report.sessions)
      err << "; " << s.name << " " << (s.used ? (s.converged ? "converged" : "did not converge") : "too few pairs");
    err << ".\n";
  }
  return model;
}

}  // namespace

int RunLink(const LinkArguments& a, std::istream& in, std::ostream& out, std::ostream& err) {
  const auto floor = Probability(a.floor, 0.5);
  if (!floor) return Usage(err, "floor: give a probability between 0 and 1.");
  const auto threshold = Probability(a.threshold, linkage::LinkOptions{}.threshold);
  if (!threshold) return Usage(err, "threshold: give a probability between 0 and 1.");
  const auto threads = Threads(a.threads);
  if (!threads) return Usage(err, "threads: give a whole number from 1 to 256.");
  if (a.file == "-" && a.model == "-") return Usage(err, "model: standard input already holds the records.");

  const auto bytes = ReadAll(a.file, in);
  if (!bytes) return Usage(err, "cannot read " + a.file);
  auto read = linkage::ParseRecordsCsv(*bytes);
  if (!read) return Usage(err, read.error().field + ": " + read.error().message);
  for (const auto& p : read->problems) err << "jigsaw: line " << p.line << ": " << p.field << ": " << p.message << "\n";

  const linkage::RecordSet set(read->records);
  std::optional<linkage::Model> model;
  if (!a.model.empty()) {
    model = LoadModel(a.model, in, err);
    if (!model) return 2;
  } else {
    model = TrainReporting(set, *threads, err);
  }
  if (!a.save_model.empty()) {
    std::ofstream file(a.save_model, std::ios::binary | std::ios::trunc);
    if (!(file << model->Serialise()) || !file.flush()) return (err << "jigsaw: cannot write " << a.save_model << "\n", 1);
  }

  const linkage::LinkResult result = linkage::Link(
      *model, set, {.threshold = *threshold, .pairs_floor = a.pairs.empty() ? 1.01 : *floor, .threads = *threads});
  out << "record_id,cluster_id\n";
  std::unordered_set<std::uint32_t> people;
  for (std::size_t i = 0; i < read->records.size(); ++i) {
    out << CsvField(read->records[i].id) << "," << CsvField(read->records[result.cluster[i]].id) << "\n";
    people.insert(result.cluster[i]);
  }
  if (!a.pairs.empty()) {
    std::ofstream file(a.pairs, std::ios::binary | std::ios::trunc);
    WritePairs(file, *model, set, *read, result);
    if (!file.flush()) return (err << "jigsaw: cannot write " << a.pairs << "\n", 1);
  }
  err << "jigsaw: " << read->records.size() << " records, " << people.size() << " people; " << result.compared
      << " pairs compared; " << "problems reported: " << read->problems.size();
  if (result.refused_links) err << "; " << result.refused_links << " links refused for conflicting NHS numbers or UPNs";
  if (result.oversized_blocks) err << "; " << result.oversized_blocks << " oversized blocks not compared";
  err << ".\n";
  return out ? 0 : 1;
}

}  // namespace jigsaw::app
