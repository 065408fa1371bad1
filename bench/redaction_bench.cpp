// Redacting a disclosure: 20 items of about 2,000 characters each against
// 50 protected people, on one core; and building the redactor for them.
//
// Reproduce:
//   ./scripts/test            # or: cmake --build build --target redaction_bench
//   ./build/bench/redaction_bench --benchmark_min_time=2
//
// Target (issue 11): a 20-item disclosure in under 2 ms. Measured figures
// are in docs/redaction.md.
#include <benchmark/benchmark.h>

#include <random>

#include "redaction/redactor.h"

namespace {

using jigsaw::redaction::Protection;
using jigsaw::redaction::ProtectedPerson;
using jigsaw::redaction::Redactor;
using jigsaw::redaction::Treatment;

std::vector<ProtectedPerson> People() {
  const std::vector<std::string> given = {"Jessica", "Oscar", "Poppy", "Thomas", "Isabella", "Jacob", "Lily", "Noah",
                                          "Sophia", "Leo", "Aaliyah", "Hamza", "Zainab", "Krzysztof", "Chidi",
                                          "Roisin", "Megan", "Ryan", "Chlo\xC3\xA9", "Kieran", "Danielle", "Stacey",
                                          "Wayne", "Gemma", "Jo"};
  const std::vector<std::string> family = {"Brown", "Green", "Wilson", "Taylor", "Wright", "Walker", "Robinson",
                                           "Thompson", "White", "Hughes", "Edwards", "Hall", "Lewis", "Harris",
                                           "Clarke", "Jackson", "Ahmed", "Singh", "Kowalski", "Murphy", "Kelly",
                                           "O\xE2\x80\x99" "Brien", "Turner", "Hill", "Ashworth-Lane"};
  std::vector<ProtectedPerson> out;
  for (int i = 0; i < 50; ++i) {
    jigsaw::domain::Person p;
    p.id = "p" + std::to_string(i);
    p.given_name = given[static_cast<std::size_t>(i) % given.size()];
    p.family_name = family[static_cast<std::size_t>(i * 7) % family.size()];
    p.known_as = {p.given_name.substr(0, 3) + "ie"};
    p.nhs_number = "943476" + std::to_string(1000 + i);
    p.address = std::to_string(i + 3) + " Station Road\nBrackenford";
    p.postcode = "BF" + std::to_string(1 + i % 9) + " " + std::to_string(i % 10) + "QX";
    p.date_of_birth = std::to_string(1970 + i) + "-04-1" + std::to_string(i % 10);
    p.phone_numbers = {"07700 9" + std::to_string(10000 + i)};
    p.email_addresses = {"person" + std::to_string(i) + "@example.org"};
    p.is_protected = true;
    out.push_back({p, Protection::kIdentity, i % 5 == 0 ? Treatment::kReview : Treatment::kWithhold});
  }
  return out;
}

// Items of about 2,000 characters of ordinary note text, with a protected
// detail now and then.
std::vector<std::string> Items() {
  const std::vector<std::string> sentences = {
      "Sam arrived late again today without breakfast and said there was no milk in the house. ",
      "Class teacher noticed bruising on the left forearm during PE; he said he fell off his scooter. ",
      "Mum phoned the office to say the family are moving to a flat near the station after Christmas. ",
      "Police attended the home address at 23.10 on Friday following a call about shouting. ",
      "Attendance this term is 82 per cent, with most absences on Mondays; letters sent home twice. ",
      "Health visitor reports that the baby is gaining weight well and the home was warm. ",
      "Jessica Brown's partner was seen at the gate on 3/4/1989 and again on Tuesday. ",
      "A referral was made to early help on 2 November with consent; a worker will visit next week. ",
      "He said Oscar at 4 Station Road had shouted through the letterbox, ring 07700 910001. ",
      "The designated safeguarding lead spoke with Mum, who said things were calmer now. ",
  };
  std::mt19937 random(7);
  std::vector<std::string> items;
  for (int i = 0; i < 20; ++i) {
    std::string text;
    while (text.size() < 2000) text += sentences[random() % sentences.size()];
    items.push_back(text);
  }
  return items;
}

void BM_RedactTwentyItemDisclosure(benchmark::State& state) {
  const auto people = People();
  const Redactor redactor(people);
  const auto items = Items();
  std::size_t bytes = 0;
  for (const auto& i : items) bytes += i.size();
  for (auto _ : state) {
    int withheld = 0;
    for (const auto& item : items) withheld += redactor.Redact(item).withheld;
    benchmark::DoNotOptimize(withheld);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_RedactTwentyItemDisclosure)->Unit(benchmark::kMillisecond);

void BM_BuildRedactorForFiftyPeople(benchmark::State& state) {
  const auto people = People();
  for (auto _ : state) {
    Redactor redactor(people);
    benchmark::DoNotOptimize(redactor);
  }
}
BENCHMARK(BM_BuildRedactorForFiftyPeople)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
