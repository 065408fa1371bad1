#include "linkage/model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <optional>
#include <sstream>

#include "linkage/internal/prepared.h"
#include "linkage/nicknames.h"

namespace jigsaw::linkage {
namespace {

constexpr std::string_view kHeader = "jigsaw-linkage-model 1";

// Starting values, per field and level in the order of comparison.h:
// {m, u, s}, rounded from what training found on the synthetic partnership
// of tests/linkage/synthetic.h (30,000 children, seed 5). Each column is
// normalised over the non-neutral levels. Training replaces them all; used
// as they are, the u values suit a population of tens of thousands.
using Column = std::initializer_list<LevelProbabilities>;
const std::array<Column, kFieldCount> kDefaults = {{
    // given_name: -, exact, swapped, nickname, phonetic, typo, other, similar, initial, different
    {{0, 0, 0}, {0.9, 0.011, 0.0034}, {0.0035, 0.000002, 0.000001}, {0.034, 0.0018, 0.002},
     {0.039, 0.0011, 0.0005}, {0.017, 0.0005, 0.0004}, {0.0005, 0.0048, 0.014}, {0.0016, 0.0087, 0.011},
     {0.0026, 0.00012, 0.0001}, {0.0012, 0.97, 0.97}},
    // family_name: -, exact, counted under given, phonetic, typo, part, similar, different
    {{0, 0, 0}, {0.93, 0.016, 0.77}, {0, 0, 0}, {0.027, 0.00058, 0.024}, {0.021, 0.00039, 0.017},
     {0.0076, 0.00041, 0.011}, {0.0025, 0.0023, 0.0049}, {0.011, 0.98, 0.17}},
    // date_of_birth: -, exact, day-month swapped, one component, different
    {{0, 0, 0}, {0.97, 0.00019, 0.047}, {0.0077, 0.00006, 0.0004}, {0.019, 0.009, 0.0049},
     {0.0007, 0.99, 0.95}},
    // sex: -, same, different
    {{0, 0, 0}, {0.99, 0.5, 0.5}, {0.0076, 0.5, 0.5}},
    // location: -, same address, unit, address line, sector, district, different
    {{0, 0, 0}, {0.8, 0.00005, 0.79}, {0.077, 0.00021, 0.072}, {0.07, 0.000043, 0.061},
     {0.0028, 0.0087, 0.0018}, {0.0033, 0.07, 0.0047}, {0.049, 0.92, 0.066}},
    // nhs_number: -, same valid, same unchecked, one mistyped, different valid, different
    {{0, 0, 0}, {0.97, 0.000007, 0.0012}, {0.000005, 0.000001, 0.000005}, {0.024, 0.000001, 0.00003},
     {0.0059, 0.98, 0.97}, {0.0003, 0.023, 0.026}},
    // upn: as the NHS number
    {{0, 0, 0}, {0.98, 0.00003, 0.00001}, {0.00003, 0.000006, 0.00001}, {0.021, 0.000006, 0.00001},
     {0.0001, 0.98, 0.98}, {0.0004, 0.02, 0.019}},
}};

std::size_t Index(Field f) { return static_cast<std::size_t>(f); }

// log2(1 + 2^x) without overflow.
double Log2OnePlusExp2(double x) {
  if (x > 40) return x;
  return std::log1p(std::exp2(x)) / std::numbers::ln2;
}

void Normalise(std::vector<LevelProbabilities>& column, Field f) {
  double m = 0, u = 0, s = 0;
  for (std::size_t l = 0; l < column.size(); ++l) {
    if (IsNeutralLevel(f, static_cast<std::uint8_t>(l))) continue;
    m += column[l].m, u += column[l].u, s += column[l].s;
  }
  for (std::size_t l = 0; l < column.size(); ++l) {
    if (IsNeutralLevel(f, static_cast<std::uint8_t>(l))) {
      column[l] = {};
      continue;
    }
    column[l].m /= m, column[l].u /= u, column[l].s /= s;
  }
}

}  // namespace

double ProbabilityFromWeight(double log2_odds) { return 1.0 / (1.0 + std::exp2(-log2_odds)); }

Model::Model() {
  for (Field f : kFields) levels_[Index(f)].assign(LevelCount(f), {});
}

Model Model::Defaults(std::size_t records) {
  Model model;
  for (Field f : kFields) {
    auto& column = model.levels_[Index(f)];
    std::copy(kDefaults[Index(f)].begin(), kDefaults[Index(f)].end(), column.begin());
    Normalise(column, f);
  }
  const double n = static_cast<double>(std::max<std::size_t>(records, 4));
  const double pairs = n * (n - 1) / 2;
  model.SetPriors(std::min(0.25, (n / 2) / pairs), std::min(0.25, n / pairs));
  return model;
}

const LevelProbabilities& Model::level(Field field, std::uint8_t level) const {
  return levels_[Index(field)][level];
}

void Model::SetLevel(Field field, std::uint8_t level, LevelProbabilities p) {
  if (IsNeutralLevel(field, level)) return;
  levels_[Index(field)][level] = p;
  Recompute();
}

void Model::SetPriors(double match, double relative) {
  prior_match_ = std::clamp(match, 1e-15, 0.49);
  prior_relative_ = std::clamp(relative, 1e-15, 0.49);
  Recompute();
}

void Model::Recompute() {
  const double unrelated = 1.0 - prior_match_ - prior_relative_;
  log2_prior_match_ = std::log2(prior_match_ / unrelated);
  log2_prior_relative_ = std::log2(prior_relative_ / unrelated);
  for (Field f : kFields) {
    const auto& column = levels_[Index(f)];
    for (std::size_t l = 0; l < column.size(); ++l) {
      const bool neutral = IsNeutralLevel(f, static_cast<std::uint8_t>(l));
      const auto& p = column[l];
      // A probability of 0 from a hand edit would give an infinite weight:
      // treat anything below 1e-12 as 1e-12.
      const double u = std::max(p.u, 1e-12);
      match_weight_[Index(f)][l] = neutral ? 0 : std::log2(std::max(p.m, 1e-12) / u);
      relative_weight_[Index(f)][l] = neutral ? 0 : std::log2(std::max(p.s, 1e-12) / u);
    }
  }
  log2_u_given_exact_ = std::log2(std::max(
      level(Field::kGivenName, static_cast<std::uint8_t>(GivenNameLevel::kExact)).u, 1e-12));
  log2_u_family_exact_ = std::log2(std::max(
      level(Field::kFamilyName, static_cast<std::uint8_t>(FamilyNameLevel::kExact)).u, 1e-12));
}

void Model::SetTermFrequencies(Field field, std::unordered_map<std::string, std::uint32_t> counts) {
  TermFrequencies& tf = field == Field::kGivenName ? given_tf_ : family_tf_;
  tf.counts = std::move(counts);
  tf.total = 0;
  for (const auto& [name, count] : tf.counts) tf.total += count;
}

const Model::TermFrequencies* Model::Frequencies(Field field) const {
  if (field == Field::kGivenName) return &given_tf_;
  if (field == Field::kFamilyName) return &family_tf_;
  return nullptr;
}

double Model::Log2TermFrequency(Field field, std::string_view folded_name) const {
  const TermFrequencies* tf = Frequencies(field);
  if (tf == nullptr || tf->total == 0) return 0;
  auto it = tf->counts.find(std::string(folded_name));
  const double count = it == tf->counts.end() ? 1.0 : std::max<double>(it->second, 1.0);
  return std::log2(count / static_cast<double>(std::max<std::uint64_t>(tf->total, 1)));
}

double Model::MatchWeight(const Comparison& c, double given_log2_tf, double family_log2_tf) const {
  double match = log2_prior_match_, relative = log2_prior_relative_;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    match += match_weight_[f][c.level[f]];
    relative += relative_weight_[f][c.level[f]];
  }
  // Term frequency: on an exact name, u is that name's own frequency.
  if (given_log2_tf != 0 && c[Field::kGivenName] == static_cast<std::uint8_t>(GivenNameLevel::kExact)) {
    match += log2_u_given_exact_ - given_log2_tf;
    relative += log2_u_given_exact_ - given_log2_tf;
  }
  if (family_log2_tf != 0 && c[Field::kFamilyName] == static_cast<std::uint8_t>(FamilyNameLevel::kExact)) {
    match += log2_u_family_exact_ - family_log2_tf;
    relative += log2_u_family_exact_ - family_log2_tf;
  }
  return match - Log2OnePlusExp2(relative);
}

Explanation Model::Explain(const Comparison& c, double given_log2_tf, double family_log2_tf) const {
  Explanation e;
  e.prior_weight = log2_prior_match_;
  double match = log2_prior_match_, relative = log2_prior_relative_;
  for (Field f : kFields) {
    const std::uint8_t level = c[f];
    FieldEvidence& fe = e.fields[Index(f)];
    fe = {.field = f,
          .level = level,
          .level_name = LevelName(f, level),
          .weight = match_weight_[Index(f)][level],
          .relative_weight = relative_weight_[Index(f)][level]};
    double adjust = 0;
    if (f == Field::kGivenName && given_log2_tf != 0 &&
        level == static_cast<std::uint8_t>(GivenNameLevel::kExact))
      adjust = log2_u_given_exact_ - given_log2_tf;
    if (f == Field::kFamilyName && family_log2_tf != 0 &&
        level == static_cast<std::uint8_t>(FamilyNameLevel::kExact))
      adjust = log2_u_family_exact_ - family_log2_tf;
    if (adjust != 0) {
      fe.weight += adjust;
      fe.relative_weight += adjust;
      fe.frequency_adjusted = true;
    }
    match += fe.weight;
    relative += fe.relative_weight;
  }
  e.relative_odds = relative;
  e.relative_term = -Log2OnePlusExp2(relative);
  e.match_weight = match + e.relative_term;
  e.probability = ProbabilityFromWeight(e.match_weight);
  return e;
}

Explanation Model::Score(const Record& a, const Record& b) const {
  internal::PreparedSet set(NicknameTable::Shipped());
  const auto ia = set.Add(a), ib = set.Add(b);
  const internal::NameFrequencies tf = internal::FrequenciesOf(*this, set);
  return Explain(internal::Compare(set, ia, set, ib), tf.Given(set[ia]), tf.Family(set[ia]));
}

// --- The text form -------------------------------------------------------
//
//   jigsaw-linkage-model 1
//   priors <pi_m> <pi_s>
//   level <field> <level> <m> <u> <s>        one per non-neutral level
//   terms <field> <count of lines that follow>
//   <count> <folded name>                     one per name

namespace {

void AppendDouble(std::string& out, double v) {
  char buffer[32];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  out.append(buffer, end);
}

std::vector<std::string_view> SplitSpaces(std::string_view line, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  std::size_t s = 0;
  while (s <= line.size() && parts.size() + 1 < max_parts) {
    const std::size_t e = line.find(' ', s);
    if (e == std::string_view::npos) break;
    parts.push_back(line.substr(s, e - s));
    s = e + 1;
  }
  parts.push_back(line.substr(std::min(s, line.size())));
  return parts;
}

template <typename T>
bool ParseNumber(std::string_view text, T& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::optional<Field> FieldNamed(std::string_view name) {
  for (Field f : kFields)
    if (FieldName(f) == name) return f;
  return std::nullopt;
}

std::optional<std::uint8_t> LevelNamed(Field f, std::string_view name) {
  for (std::size_t l = 0; l < LevelCount(f); ++l)
    if (LevelName(f, static_cast<std::uint8_t>(l)) == name) return static_cast<std::uint8_t>(l);
  return std::nullopt;
}

class Lines {
 public:
  explicit Lines(std::string_view text) : text_(text) {}
  bool Next(std::string_view& line) {
    if (pos_ >= text_.size()) return false;
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0, number_ = 0;
};

}  // namespace

std::string Model::Serialise() const {
  std::string out(kHeader);
  out += "\npriors ";
  AppendDouble(out, prior_match_);
  out += ' ';
  AppendDouble(out, prior_relative_);
  out += '\n';
  for (Field f : kFields)
    for (std::size_t l = 0; l < LevelCount(f); ++l) {
      if (IsNeutralLevel(f, static_cast<std::uint8_t>(l))) continue;
      const auto& p = levels_[Index(f)][l];
      out.append("level ").append(FieldName(f)).append(" ");
      out.append(LevelName(f, static_cast<std::uint8_t>(l)));
      for (double v : {p.m, p.u, p.s}) {
        out += ' ';
        AppendDouble(out, v);
      }
      out += '\n';
    }
  for (Field f : {Field::kGivenName, Field::kFamilyName}) {
    const TermFrequencies& tf = *Frequencies(f);
    std::vector<std::pair<std::string_view, std::uint32_t>> sorted(tf.counts.begin(), tf.counts.end());
    std::sort(sorted.begin(), sorted.end());  // the same model, the same text
    out.append("terms ").append(FieldName(f)).append(" ").append(std::to_string(sorted.size())).append("\n");
    for (const auto& [name, count] : sorted)
      out.append(std::to_string(count)).append(" ").append(name).append("\n");
  }
  return out;
}

Result<Model> Model::Parse(std::string_view text) {
  Lines lines(text);
  std::string_view line;
  auto fail = [&](std::string_view what) {
    return InvalidArgument("model", "Line " + std::to_string(lines.number()) + " of the model: " + std::string(what));
  };
  if (!lines.Next(line) || line != kHeader) return fail("expected \"" + std::string(kHeader) + "\".");
  Model model = Defaults();
  double match = 0, relative = 0;
  if (!lines.Next(line)) return fail("expected the priors.");
  const auto priors = SplitSpaces(line, 3);
  if (priors.size() != 3 || priors[0] != "priors" || !ParseNumber(priors[1], match) ||
      !ParseNumber(priors[2], relative) || !(match > 0 && match < 0.5) || !(relative > 0 && relative < 0.5))
    return fail("expected \"priors M S\", each between 0 and 0.5.");
  std::array<std::vector<bool>, kFieldCount> seen;
  for (Field f : kFields) seen[Index(f)].assign(LevelCount(f), false);
  std::unordered_map<std::string, std::uint32_t> terms[2];
  int terms_read = 0;
  while (lines.Next(line)) {
    if (line.empty()) continue;
    const auto parts = SplitSpaces(line, 6);
    if (parts[0] == "level") {
      std::optional<Field> f = parts.size() == 6 ? FieldNamed(parts[1]) : std::nullopt;
      std::optional<std::uint8_t> l = f ? LevelNamed(*f, parts[2]) : std::nullopt;
      LevelProbabilities p;
      if (!l || IsNeutralLevel(*f, *l) || !ParseNumber(parts[3], p.m) || !ParseNumber(parts[4], p.u) ||
          !ParseNumber(parts[5], p.s))
        return fail("expected \"level FIELD LEVEL M U S\" for a known field and level.");
      for (double v : {p.m, p.u, p.s})
        if (!(v >= 0 && v <= 1)) return fail("a probability must be between 0 and 1.");
      model.levels_[Index(*f)][*l] = p;
      seen[Index(*f)][*l] = true;
    } else if (parts[0] == "terms" && parts.size() == 3 && terms_read < 2) {
      std::optional<Field> f = FieldNamed(parts[1]);
      std::size_t count = 0;
      if (!f || (*f != Field::kGivenName && *f != Field::kFamilyName) || !ParseNumber(parts[2], count))
        return fail("expected \"terms given_name|family_name COUNT\".");
      auto& table = terms[*f == Field::kGivenName ? 0 : 1];
      for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t n = 0;
        if (!lines.Next(line)) return fail("the term list ends early.");
        const auto term = SplitSpaces(line, 2);
        if (term.size() != 2 || !ParseNumber(term[0], n) || term[1].empty())
          return fail("expected \"COUNT NAME\".");
        table[std::string(term[1])] = n;
      }
      ++terms_read;
    } else {
      return fail("unexpected line.");
    }
  }
  for (Field f : kFields)
    for (std::size_t l = 0; l < LevelCount(f); ++l)
      if (!IsNeutralLevel(f, static_cast<std::uint8_t>(l)) && !seen[Index(f)][l])
        return InvalidArgument("model", "The model has no line for " + std::string(FieldName(f)) + " " +
                                            std::string(LevelName(f, static_cast<std::uint8_t>(l))) + ".");
  model.SetTermFrequencies(Field::kGivenName, std::move(terms[0]));
  model.SetTermFrequencies(Field::kFamilyName, std::move(terms[1]));
  model.SetPriors(match, relative);
  return model;
}

}  // namespace jigsaw::linkage
