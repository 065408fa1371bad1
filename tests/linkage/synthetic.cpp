#include "linkage/synthetic.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "domain/person.h"

namespace jigsaw::linkage::synthetic {
namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed * 0x9e3779b97f4a7c15ULL + 1) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Uniform() * static_cast<double>(n)); }
  bool Chance(double p) { return Uniform() < p; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  std::uint64_t state_;
};

// Names drawn as real names fall: a head of common names with Zipf-like
// weights (the first most common), and a long tail of rarer names made
// from syllables, so that no name is as common at a million records as a
// short list would make it (Oliver is about 2.5% of boys in England).
class Pool {
 public:
  Pool(std::initializer_list<std::string_view> names, const std::vector<std::string>& tail, double tail_share)
      : names_(names.begin(), names.end()), tail_(&tail), tail_share_(tail_share) {
    double total = 0;
    for (std::size_t i = 0; i < names_.size(); ++i) cumulative_.push_back(total += 1.0 / std::pow(i + 1.0, 0.6));
  }
  std::string Draw(Rng& rng) const {
    if (rng.Chance(tail_share_)) return (*tail_)[rng.Below(tail_->size())];
    const double x = rng.Uniform() * cumulative_.back();
    const auto i = static_cast<std::size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), x) - cumulative_.begin());
    return std::string(names_[std::min(i, names_.size() - 1)]);
  }

 private:
  std::vector<std::string_view> names_;
  std::vector<double> cumulative_;
  const std::vector<std::string>* tail_;
  double tail_share_;
};

std::vector<std::string> Combine(const std::vector<std::string_view>& heads, const std::vector<std::string_view>& ends) {
  std::vector<std::string> names;
  for (auto h : heads)
    for (auto e : ends) names.push_back(std::string(h) + std::string(e));
  return names;
}

const std::vector<std::string_view> kGivenHeads = {
    "Ja", "Ka", "La", "Ma", "Ri", "Ro", "Sa", "Ta", "Za", "El", "Ar", "Da", "Le", "Mi", "No",
    "Ca", "Jo", "Ai", "Ra", "Te", "Bri", "Cor", "Dar", "Fin", "Gra", "Hal", "Ken", "Mar", "Nor", "Per"};
const std::vector<std::string> kBoysTail =
    Combine(kGivenHeads, {"den", "son", "ton", "ric", "lan", "vin", "ran", "rick", "ley", "len"});
const std::vector<std::string> kGirlsTail =
    Combine(kGivenHeads, {"lyn", "ra", "na", "lie", "ria", "nia", "lla", "sha", "elle", "ssa"});
const std::vector<std::string> kFamilyTail = Combine(
    {"Ash", "Black", "Brad", "Cart", "Dun", "Fair", "Green", "Hart", "Kings", "Lang", "Mar", "New", "Old", "Pen",
     "Rad", "Stan", "Thorn", "Wake", "Whit", "Wood", "Alder", "Bram", "Crom", "Dray", "Elm", "Fen", "Gold", "Hol",
     "Lin", "Mere"},
    {"ley", "ton", "field", "ford", "well", "wood", "by", "ham", "worth", "more", "dale", "brook", "stone",
     "wick", "hurst", "combe", "bury", "shaw", "croft", "land"});

enum class Origin { kBritish, kSouthAsian, kPolish, kUkrainian, kWestAfrican };

struct OriginPools {
  Origin origin;
  double share;
  Pool boys, girls, families;
};

const std::vector<OriginPools>& Origins() {
  static const std::vector<OriginPools> origins = {
      {Origin::kBritish, 0.62,
       {{"Oliver", "George", "Harry", "Noah", "Jack", "Charlie", "Leo", "Jacob", "Freddie", "Alfie", "Thomas",
        "Oscar", "William", "James", "Henry", "Joshua", "Archie", "Ethan", "Isaac", "Alexander", "Joseph",
        "Edward", "Samuel", "Max", "Daniel", "Arthur", "Lucas", "Logan", "Theo", "Harrison", "Benjamin",
        "Mason", "Sebastian", "Finley", "Dylan", "Zachary", "Riley", "Teddy", "Theodore", "David", "Toby",
        "Jake", "Louie", "Elijah", "Reuben", "Arlo", "Hugo", "Luca", "Matthew", "Harvey", "Reggie", "Michael",
        "Jude", "Albert", "Tommy", "Luke", "Stanley", "Jenson", "Frankie", "Jayden", "Gabriel", "Elliot",
        "Ronnie", "Charles", "Louis", "Frederick", "Nathan", "Lewis", "Blake", "Rory", "Ryan", "Tyler",
        "Dexter", "Ezra", "Kai", "Aaron", "Ralph", "Liam", "Callum", "Connor", "Jaxon", "Caleb", "Aiden"},
       kBoysTail, 0.35},
       {{"Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace",
        "Freya", "Willow", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie", "Charlotte", "Evelyn",
        "Sienna", "Daisy", "Phoebe", "Sophie", "Alice", "Harper", "Matilda", "Ruby", "Emilia", "Maya",
        "Millie", "Isabelle", "Lucy", "Esme", "Chloe", "Jessica", "Erin", "Holly", "Layla", "Eva", "Hannah",
        "Ellie", "Amelie", "Lola", "Emma", "Molly", "Georgia", "Eliza", "Maisie", "Aria", "Imogen",
        "Scarlett", "Elizabeth", "Megan", "Katie", "Abigail", "Lacey", "Amber", "Bella", "Nancy", "Harriet",
        "Annabelle", "Rebecca", "Eleanor", "Victoria", "Zoë", "Niamh", "Orla", "Beatrice"},
       kGirlsTail, 0.35},
       {{"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris",
        "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips",
        "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook",
        "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards",
        "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Wilkinson", "Foster", "Chapman", "Powell",
        "Webb", "Rogers", "Gray", "Mason", "Hunt", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills",
        "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray",
        "Dixon", "Harvey", "Graham", "Pearson", "Fletcher", "Walsh", "Gibson", "Howard", "Andrews", "Stewart",
        "Elliott", "Reynolds", "Saunders", "Payne", "Fox", "Ford", "Pearce", "Day", "Brooks", "West",
        "Lawrence", "Cole", "Atkinson", "Bradley", "Spencer", "Dawson", "Ball", "Burton", "O'Brien", "Watts",
        "Rose", "Booth", "Perry", "Ryan", "Grant", "Wells", "Armstrong", "Francis", "Rees", "Hayes", "Hart",
        "Hudson", "Newman", "Barrett", "Webster", "Hunter", "Gregory", "Carr", "Lowe", "Page", "Marsh",
        "Riley", "Dunn", "Woods", "Parsons", "Berry", "Stone", "Reid", "Holland", "Hawkins", "Harding",
        "Porter", "Robertson", "Newton", "Oliver", "Reed", "Kennedy", "Williamson", "Bird", "Gardner", "Dean",
        "Lane", "Cooke", "Bates", "Henderson", "Parry", "Burgess", "Bishop", "Walton", "Burns", "Nicholson",
        "Shepherd", "Ross", "Cross", "Long", "Freeman", "Warren", "Nicholls", "Hamilton", "Byrne", "Sutton",
        "McDonald", "Yates", "Hodgson", "Robson", "Curtis", "Hopkins", "O'Connor", "Harper", "Coleman"},
       kFamilyTail, 0.55}},
      {Origin::kSouthAsian, 0.15,
       {{"Muhammad", "Mohammed", "Ali", "Ibrahim", "Yusuf", "Omar", "Ayaan", "Zayn", "Hamza", "Adam", "Musa",
        "Ismail", "Abdullah", "Hassan", "Idris", "Zakariya", "Bilal", "Rayyan", "Ahmed", "Arjun", "Aarav",
        "Rohan", "Harjeet", "Imran"},
       kBoysTail, 0.2},
       {{"Aisha", "Fatima", "Maryam", "Zainab", "Hafsa", "Khadija", "Amina", "Sara", "Inaya", "Anaya", "Hana",
        "Sumaya", "Safa", "Aleena", "Noor", "Zara", "Layla", "Iman", "Priya", "Simran", "Amrit", "Alisha"},
       kGirlsTail, 0.2},
       {{"Khan", "Ahmed", "Hussain", "Ali", "Patel", "Begum", "Shah", "Akhtar", "Iqbal", "Mahmood", "Rahman",
        "Islam", "Uddin", "Miah", "Chaudhry", "Malik", "Butt", "Bibi", "Riaz", "Rashid", "Siddiqui", "Sheikh",
        "Aziz", "Mirza", "Singh", "Kaur", "Sharma", "Kumar", "Gill", "Sandhu"},
       kFamilyTail, 0.2}},
      {Origin::kPolish, 0.06,
       {{"Jakub", "Antoni", "Szymon", "Jan", "Filip", "Kacper", "Aleksander", "Franciszek", "Mikołaj",
        "Wojciech", "Kamil", "Michał", "Piotr", "Tomasz"},
       kBoysTail, 0.1},
       {{"Zuzanna", "Julia", "Maja", "Zofia", "Hanna", "Lena", "Alicja", "Maria", "Oliwia", "Katarzyna",
        "Agnieszka", "Wiktoria", "Małgorzata"},
       kGirlsTail, 0.1},
       {{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
        "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski"},
       kFamilyTail, 0.1}},
      {Origin::kUkrainian, 0.05,
       {{"Oleksandr", "Mykola", "Dmytro", "Maksym", "Andriy", "Artem", "Bohdan", "Denys", "Ivan", "Yaroslav"},
       kBoysTail, 0.1},
       {{"Sofiia", "Anastasiia", "Olena", "Daryna", "Viktoriia", "Yuliia", "Kateryna", "Solomiia", "Mariia",
        "Anna"},
       kGirlsTail, 0.1},
       {{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Oliynyk",
        "Shevchuk", "Lysenko"},
       kFamilyTail, 0.1}},
      {Origin::kWestAfrican, 0.12,
       {{"David", "Daniel", "Samuel", "Emmanuel", "Joshua", "Michael", "Tobi", "Chinedu", "Kwame", "Femi",
        "Ayo", "Tunde", "Kofi", "Nathaniel", "Victor"},
       kBoysTail, 0.2},
       {{"Blessing", "Grace", "Esther", "Precious", "Favour", "Deborah", "Chioma", "Amara", "Adaeze", "Ama",
        "Abena", "Tomi", "Funmi", "Joy", "Ruth"},
       kGirlsTail, 0.2},
       {{"Okafor", "Adeyemi", "Mensah", "Okoro", "Adebayo", "Owusu", "Boateng", "Nwosu", "Oladipo", "Asante",
        "Eze", "Ogunleye", "Bello", "Danso", "Appiah"},
       kFamilyTail, 0.2}},
  };
  return origins;
}

using Variants = std::unordered_map<std::string_view, std::vector<std::string>>;

// Other spellings of one name: transliterations, and Polish names as
// systems without diacritics write them.
const Variants& Spellings() {
  static const Variants v = {
      {"Muhammad", {"Mohammed", "Mohammad", "Mohamed", "Muhammed"}}, {"Mohammed", {"Muhammad", "Mohammad", "Mohamed"}},
      {"Aisha", {"Ayesha", "Aysha", "Aishah"}}, {"Fatima", {"Fatimah", "Fatema"}},
      {"Yusuf", {"Yousef", "Yusef", "Youssef"}}, {"Zainab", {"Zaynab", "Zeinab"}}, {"Maryam", {"Mariam", "Mariyam"}},
      {"Ibrahim", {"Ebrahim", "Ibraheem"}}, {"Omar", {"Umar"}}, {"Hussain", {"Hussein", "Husain"}},
      {"Hamza", {"Hamzah"}}, {"Abdullah", {"Abdallah"}}, {"Khadija", {"Khadijah", "Khadeeja"}},
      {"Zayn", {"Zain"}}, {"Ismail", {"Ismael"}}, {"Musa", {"Moosa"}}, {"Amina", {"Aminah", "Ameena"}},
      {"Idris", {"Idrees"}}, {"Ahmed", {"Ahmad"}}, {"Chaudhry", {"Chaudhary", "Choudhury"}},
      {"Rahman", {"Rehman"}}, {"Mahmood", {"Mahmud", "Mehmood"}}, {"Oleksandr", {"Aleksandr", "Olexandr"}},
      {"Mykola", {"Mikola"}}, {"Dmytro", {"Dmitro", "Dmitriy"}}, {"Maksym", {"Maksim", "Maxim"}},
      {"Andriy", {"Andrii", "Andrij"}}, {"Sofiia", {"Sofia", "Sofiya"}}, {"Anastasiia", {"Anastasia", "Anastasiya"}},
      {"Yuliia", {"Yulia", "Iuliia"}}, {"Viktoriia", {"Viktoria", "Victoria"}}, {"Kateryna", {"Katerina"}},
      {"Mariia", {"Maria", "Mariya"}}, {"Shevchenko", {"Shevchenco"}}, {"Kovalenko", {"Kowalenko"}},
      {"Oliynyk", {"Oliinyk", "Oleynik"}}, {"Mikołaj", {"Mikolaj"}}, {"Michał", {"Michal"}},
      {"Małgorzata", {"Malgorzata"}}, {"Wiśniewski", {"Wisniewski"}}, {"Wójcik", {"Wojcik"}},
      {"Kamiński", {"Kaminski"}}, {"Zieliński", {"Zielinski"}}, {"Szymański", {"Szymanski"}},
      {"Woźniak", {"Wozniak"}}, {"Dąbrowski", {"Dabrowski"}}, {"Kozłowski", {"Kozlowski"}},
      {"Zoë", {"Zoe"}}, {"Chinedu", {"Chinedum"}}, {"Oladipo", {"Oladipupo"}}};
  return v;
}

// Names people are called by (the generator's own list, written apart from
// the engine's table: a few, like Sasha for Oleksandr, are not in it).
const Variants& Nicknames() {
  static const Variants v = {
      {"Oliver", {"Ollie", "Olly"}}, {"William", {"Will", "Billy", "Liam"}}, {"James", {"Jamie", "Jim"}},
      {"Thomas", {"Tom", "Tommy"}}, {"Alexander", {"Alex", "Xander"}}, {"Joseph", {"Joe", "Joey"}},
      {"Samuel", {"Sam", "Sammy"}}, {"Benjamin", {"Ben", "Benji"}}, {"Daniel", {"Dan", "Danny"}},
      {"Matthew", {"Matt"}}, {"Edward", {"Ed", "Eddie", "Ted"}}, {"Henry", {"Harry"}},
      {"Frederick", {"Freddie", "Fred"}}, {"Theodore", {"Theo", "Teddy"}}, {"Charles", {"Charlie"}},
      {"Nathan", {"Nate"}}, {"Michael", {"Mike", "Mikey"}}, {"Joshua", {"Josh"}}, {"Zachary", {"Zach", "Zac"}},
      {"Jacob", {"Jake"}}, {"Gabriel", {"Gabe"}}, {"Sebastian", {"Seb"}}, {"Elizabeth", {"Libby", "Lizzie", "Beth"}},
      {"Isabella", {"Izzy", "Bella"}}, {"Isabelle", {"Izzy", "Belle"}}, {"Charlotte", {"Lottie", "Charlie"}},
      {"Matilda", {"Tilly"}}, {"Amelia", {"Millie", "Amy"}}, {"Emily", {"Emmy"}}, {"Sophia", {"Sophie"}},
      {"Abigail", {"Abbie", "Abi"}}, {"Rebecca", {"Becky"}}, {"Jessica", {"Jess"}}, {"Harriet", {"Hattie"}},
      {"Eleanor", {"Ellie", "Nell"}}, {"Florence", {"Flo"}}, {"Victoria", {"Tori", "Vicky"}},
      {"Oleksandr", {"Sasha"}}, {"Dmytro", {"Dima"}}, {"Kateryna", {"Katya"}}, {"Jakub", {"Kuba"}},
      {"Katarzyna", {"Kasia"}}, {"Aleksander", {"Olek"}}, {"Muhammad", {"Mo"}}, {"Nathaniel", {"Nat"}},
      {"Deborah", {"Debbie"}}, {"Emmanuel", {"Manny"}}, {"Stanley", {"Stan"}}, {"Albert", {"Bertie"}}};
  return v;
}

// "A|B" for every two names that are spellings or nicknames of one name.
const std::unordered_set<std::string>& Related() {
  static const std::unordered_set<std::string> related = [] {
    std::unordered_set<std::string> r;
    for (const auto* table : {&Spellings(), &Nicknames()})
      for (const auto& [formal, others] : *table)
        for (const auto& other : others) {
          r.insert(std::string(formal) + "|" + other);
          r.insert(other + "|" + std::string(formal));
        }
    return r;
  }();
  return related;
}

// Ukrainian names in Cyrillic, as a family may write them.
const std::unordered_map<std::string_view, std::string_view>& Cyrillic() {
  static const std::unordered_map<std::string_view, std::string_view> v = {
      {"Oleksandr", "Олександр"}, {"Mykola", "Микола"}, {"Dmytro", "Дмитро"}, {"Maksym", "Максим"},
      {"Andriy", "Андрій"}, {"Artem", "Артем"}, {"Ivan", "Іван"}, {"Yaroslav", "Ярослав"},
      {"Sofiia", "Софія"}, {"Anastasiia", "Анастасія"}, {"Olena", "Олена"}, {"Yuliia", "Юлія"},
      {"Kateryna", "Катерина"}, {"Mariia", "Марія"}, {"Anna", "Анна"}, {"Shevchenko", "Шевченко"},
      {"Kovalenko", "Коваленко"}, {"Bondarenko", "Бондаренко"}, {"Tkachenko", "Ткаченко"},
      {"Kravchenko", "Кравченко"}, {"Melnyk", "Мельник"}, {"Boyko", "Бойко"}, {"Oliynyk", "Олійник"},
      {"Shevchuk", "Шевчук"}, {"Lysenko", "Лисенко"}};
  return v;
}

const std::vector<std::string> kStreets = {
    "Oak", "Elm", "Church", "Mill", "Station", "Victoria", "Park", "High", "Queen", "King", "New", "School",
    "Manor", "Chapel", "Green", "Springfield", "Albert", "Grange", "Windsor", "Orchard", "Meadow", "York",
    "Cedar", "Beech", "Willow", "Ash", "Hawthorn", "Rowan", "Birch", "Chestnut", "Bracken", "Heather",
    "Fern", "Moor", "River", "Bridge", "Castle", "Abbey", "Priory", "Market"};
const std::vector<std::pair<std::string, std::string>> kStreetKinds = {
    {"Road", "Rd"}, {"Street", "St"}, {"Avenue", "Ave"}, {"Close", "Cl"}, {"Lane", "Ln"}, {"Drive", "Dr"}};
const std::string kUnitLetters = "ABDEFGHJLNPQRSTUWXYZ";

struct Unit {
  std::string postcode;
  std::string street;  // "Oak Road"
  std::string street_short;
};

struct Household {
  Origin origin;
  const OriginPools* pools;
  std::string family;
  std::size_t unit, house;
  bool moved = false;
  std::size_t old_unit = 0, old_house = 0;
};

struct Child {
  std::uint32_t household;
  std::string given, middle, family, other_family;  // other_family: a changed surname some agencies know
  Sex sex;
  int year, month, day;
  std::string nhs, upn;
};

// Each agency's habits: how often it records each field, and each error.
struct Agency {
  std::string name, code;
  double coverage;
  int min_age;
  double typo_given, typo_family, nickname, spelling, upper, lower, swap_names, middle, initial;
  double other_family, old_address, dob_swap, dob_typo, dob_missing;
  double nhs, nhs_typo, wrong_nhs, upn, upn_typo;
  double postcode_missing, postcode_typo, address_missing, abbreviate;
  double sex_missing, sex_wrong, cyrillic, duplicate;
};

const std::vector<Agency> kAgencies = {
    {"Brackenford Primary School", "SCH", 0.9, 4, 0.01, 0.01, 0.10, 0.05, 0, 0.02, 0.002, 0.3, 0,
     0.5, 0.3, 0.005, 0.005, 0, 0.05, 0.02, 0, 0.97, 0.01, 0.01, 0.01, 0.01, 0.2, 0.01, 0.002, 0, 0.01},
    {"Riverside Surgery", "GP", 0.95, 0, 0.01, 0.01, 0.02, 0.05, 0.1, 0, 0.001, 0.6, 0,
     0.3, 0.4, 0.005, 0.005, 0, 0.97, 0.01, 0.002, 0, 0, 0.01, 0.01, 0.01, 0.1, 0, 0.002, 0, 0.01},
    {"Brackenford NHS Trust", "NHS", 0.4, 0, 0.02, 0.02, 0.03, 0.15, 0.5, 0, 0.005, 0.5, 0,
     0.4, 0.5, 0.01, 0.01, 0.005, 0.9, 0.01, 0.003, 0, 0, 0.02, 0.02, 0.02, 0.3, 0.02, 0.005, 0, 0.02},
    {"Brackenford Constabulary", "POL", 0.15, 0, 0.05, 0.05, 0.15, 0.25, 0.8, 0, 0.03, 0.2, 0.02,
     0.5, 0.5, 0.04, 0.03, 0.05, 0.15, 0.03, 0.01, 0.05, 0.03, 0.1, 0.03, 0.05, 0.4, 0.05, 0.01, 0, 0.03},
    {"Brackenford Children's Services", "CSC", 0.25, 0, 0.02, 0.02, 0.08, 0.10, 0, 0, 0.005, 0.5, 0,
     0.5, 0.3, 0.01, 0.01, 0.01, 0.7, 0.01, 0.003, 0.4, 0.01, 0.02, 0.01, 0.02, 0.2, 0.01, 0.003, 0, 0.02},
    {"Early Help", "EH", 0.15, 0, 0.03, 0.03, 0.2, 0.15, 0, 0.3, 0.01, 0.1, 0,
     0.4, 0.3, 0.02, 0.02, 0.03, 0.3, 0.03, 0.005, 0.2, 0.02, 0.05, 0.02, 0.05, 0.3, 0.1, 0.005, 0, 0.02},
    {"Family Support Charity", "CH", 0.1, 0, 0.05, 0.05, 0.3, 0.2, 0, 0.1, 0.02, 0.05, 0,
     0.5, 0.4, 0.05, 0.03, 0.1, 0.1, 0.05, 0.01, 0, 0, 0.2, 0.03, 0.1, 0.3, 0.2, 0.01, 0.3, 0.02},
};

std::string NhsNumber(Rng& rng) {
  for (;;) {
    std::string d;
    int sum = 0;
    for (int i = 0; i < 9; ++i) {
      const int digit = i == 0 ? 4 + static_cast<int>(rng.Below(6)) : static_cast<int>(rng.Below(10));
      d.push_back(static_cast<char>('0' + digit));
      sum += digit * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) check = 0;
    if (check == 10) continue;
    d.push_back(static_cast<char>('0' + check));
    return d;
  }
}

std::string Upn(Rng& rng) {
  static constexpr std::string_view kLetters = "ABCDEFGHJKLMNPQRTUVWXYZ";
  std::string tail;
  int sum = 0;
  for (int i = 1; i < 13; ++i) {
    const int digit = static_cast<int>(rng.Below(10));
    tail.push_back(static_cast<char>('0' + digit));
    sum += digit * (i + 1);
  }
  return std::string(1, kLetters[static_cast<std::size_t>(sum % 23)]) + tail;
}

// One slip of the keyboard: a letter or digit replaced, dropped, doubled or
// swapped with the next. The first character is kept (people rarely slip
// on it, and a changed initial is another kind of error).
std::string Typo(Rng& rng, std::string s, bool digits) {
  if (s.size() < 3) return s;
  // Only between ASCII characters, so that a slip never cuts a UTF-8 sequence.
  auto ascii = [&](std::size_t k) { return k >= s.size() || static_cast<unsigned char>(s[k]) < 0x80; };
  std::size_t i = 0;
  for (int attempt = 0; attempt < 8 && i == 0; ++attempt) {
    const std::size_t k = 1 + rng.Below(s.size() - 1);
    if (ascii(k - 1) && ascii(k) && ascii(k + 1)) i = k;
  }
  if (i == 0) return s;
  auto other = [&](char c) {
    const char r = digits ? static_cast<char>('0' + rng.Below(10)) : static_cast<char>('a' + rng.Below(26));
    return r != c ? r : (digits ? (c == '9' ? '0' : static_cast<char>(c + 1)) : (c == 'z' ? 'a' : static_cast<char>(c + 1)));
  };
  const std::size_t kind = rng.Below(4);
  if (kind == 0 || (digits && kind != 3)) {
    s[i] = other(s[i]);
  } else if (kind == 1) {
    s.erase(i, 1);
  } else if (kind == 2) {
    s.insert(i, 1, s[i]);
  } else if (i + 1 < s.size() && s[i] != s[i + 1]) {
    std::swap(s[i], s[i + 1]);
  } else {
    s[i] = other(s[i]);
  }
  return s;
}

std::string Date(int y, int m, int d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
  return buffer;
}

int DaysIn(int year, int month) {
  return static_cast<int>(static_cast<unsigned>(
      std::chrono::year_month_day_last(std::chrono::year(year), std::chrono::month_day_last(std::chrono::month(month))).day()));
}

std::string Upper(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;  // non-ASCII letters keep their case: the engine folds them
}
std::string Lower(const std::string& s) {
  std::string out = s;
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

class Generator {
 public:
  explicit Generator(const SyntheticOptions& o) : o_(o), rng_(o.seed) {}

  SyntheticData Run() {
    MakeUnits();
    while (children_.size() < o_.children) MakeHousehold();
    for (std::uint32_t c = 0; c < children_.size(); ++c)
      for (const Agency& agency : kAgencies) RecordChild(c, agency);
    data_.household.reserve(children_.size());
    for (const Child& c : children_) data_.household.push_back(c.household);
    return std::move(data_);
  }

 private:
  // About six children to a postcode unit; twelve districts, or one for
  // every 10,000 children in a larger area.
  void MakeUnits() {
    const std::size_t count = std::max<std::size_t>(20, o_.children / 6);
    const std::size_t districts = std::max<std::size_t>(12, o_.children / 10'000);
    for (std::size_t i = 0; i < count; ++i) {
      const auto& kind = kStreetKinds[rng_.Below(kStreetKinds.size())];
      const std::string street = kStreets[rng_.Below(kStreets.size())];
      std::string pc = o_.area + std::to_string(1 + rng_.Below(districts)) + " " + std::to_string(1 + rng_.Below(9)) +
                       kUnitLetters[rng_.Below(kUnitLetters.size())] + kUnitLetters[rng_.Below(kUnitLetters.size())];
      units_.push_back({pc, street + " " + kind.first, street + " " + kind.second});
    }
  }

  const OriginPools& DrawOrigin() {
    double x = rng_.Uniform();
    for (const auto& o : Origins())
      if ((x -= o.share) < 0) return o;
    return Origins().front();
  }

  void MakeHousehold() {
    Household h;
    const OriginPools& pools = DrawOrigin();
    h.origin = pools.origin;
    h.pools = &pools;
    h.family = pools.families.Draw(rng_);
    h.unit = rng_.Below(units_.size());
    h.house = 1 + rng_.Below(120);
    if (rng_.Chance(0.2)) {
      h.moved = true;
      h.old_unit = rng_.Chance(0.5) ? h.unit : rng_.Below(units_.size());  // half moved along the street
      h.old_house = 1 + rng_.Below(120);
    }
    const auto id = static_cast<std::uint32_t>(households_.size());
    households_.push_back(h);
    const double x = rng_.Uniform();
    const int births = x < 0.45 ? 1 : x < 0.8 ? 2 : x < 0.95 ? 3 : 4;
    int year = 2008 + static_cast<int>(rng_.Below(18));
    std::vector<std::string> used;  // given names in the household
    for (int b = 0; b < births && children_.size() < o_.children; ++b) {
      const int month = 1 + static_cast<int>(rng_.Below(12));
      const int day = 1 + static_cast<int>(rng_.Below(static_cast<std::size_t>(DaysIn(year, month))));
      const bool twins = rng_.Chance(o_.twin_births) && children_.size() + 1 < o_.children;
      const std::uint32_t first = static_cast<std::uint32_t>(children_.size());
      for (int t = 0; t < (twins ? 2 : 1); ++t) MakeChild(id, h, year, month, day, used);
      data_.twin_of.push_back(twins ? first + 1 : first);
      if (twins) data_.twin_of.push_back(first);
      year = std::min(2025, year + 1 + static_cast<int>(rng_.Below(4)));
      if (year == 2025) break;
    }
  }

  void MakeChild(std::uint32_t household, const Household& h, int year, int month, int day,
                 std::vector<std::string>& used) {
    Child c{.household = household, .sex = rng_.Chance(0.5) ? Sex::kFemale : Sex::kMale, .year = year,
            .month = month, .day = day};
    const Pool& names = c.sex == Sex::kFemale ? h.pools->girls : h.pools->boys;
    // Parents do not give two children one name, nor two spellings or
    // nicknames of one name.
    auto taken = [&](const std::string& name) {
      for (const auto& u : used)
        if (u == name || Related().count(u + "|" + name)) return true;
      return false;
    };
    do c.given = names.Draw(rng_);
    while (taken(c.given));
    used.push_back(c.given);
    if (rng_.Chance(0.5)) {
      c.middle = names.Draw(rng_);
      if (c.middle == c.given) c.middle.clear();
    }
    c.family = rng_.Chance(0.08) ? h.pools->families.Draw(rng_) : h.family;  // a step-sibling
    if (rng_.Chance(0.04))
      c.other_family = rng_.Chance(0.4) ? c.family + "-" + h.pools->families.Draw(rng_) : h.pools->families.Draw(rng_);
    c.nhs = NhsNumber(rng_);
    if (2025 - year >= 4) c.upn = Upn(rng_);
    children_.push_back(c);
  }

  std::string GivenAsRecorded(const Child& c, const Household& h, const Agency& a) {
    std::string given = c.given;
    const auto spelling = Spellings().find(given);
    const auto nickname = Nicknames().find(given);
    if (spelling != Spellings().end() && rng_.Chance(a.spelling)) given = rng_.Pick(spelling->second);
    else if (nickname != Nicknames().end() && rng_.Chance(a.nickname)) given = rng_.Pick(nickname->second);
    if (h.origin == Origin::kUkrainian && rng_.Chance(a.cyrillic))
      if (auto it = Cyrillic().find(c.given); it != Cyrillic().end()) given = std::string(it->second);
    if (rng_.Chance(a.typo_given)) given = Typo(rng_, given, false);
    if (!c.middle.empty() && rng_.Chance(a.middle)) given += " " + c.middle;
    if (rng_.Chance(a.initial)) given = given.substr(0, 1);
    return given;
  }

  std::string FamilyAsRecorded(const Child& c, const Household& h, const Agency& a) {
    std::string family = !c.other_family.empty() && rng_.Chance(a.other_family) ? c.other_family : c.family;
    if (auto it = Spellings().find(family); it != Spellings().end() && rng_.Chance(a.spelling))
      family = rng_.Pick(it->second);
    if (h.origin == Origin::kUkrainian && rng_.Chance(a.cyrillic))
      if (auto it = Cyrillic().find(family); it != Cyrillic().end()) family = std::string(it->second);
    if (rng_.Chance(a.typo_family)) family = Typo(rng_, family, false);
    return family;
  }

  std::string DateAsRecorded(const Child& c, const Agency& a) {
    if (rng_.Chance(a.dob_missing)) return {};
    int y = c.year, m = c.month, d = c.day;
    if (d <= 12 && d != m && rng_.Chance(a.dob_swap)) std::swap(m, d);
    else if (rng_.Chance(a.dob_typo)) {
      switch (rng_.Below(3)) {
        case 0: y += rng_.Chance(0.5) ? 1 : -1; break;
        case 1: m = m == 12 ? 11 : m + 1; break;
        default: d = d >= 28 ? d - 1 : d + 1;
      }
      d = std::min(d, DaysIn(y, m));
    }
    return Date(y, m, d);
  }

  void AddressAsRecorded(const Household& h, const Agency& a, Record& r) {
    const bool old = h.moved && rng_.Chance(a.old_address);
    const Unit& unit = units_[old ? h.old_unit : h.unit];
    const std::size_t house = old ? h.old_house : h.house;
    if (!rng_.Chance(a.address_missing))
      r.address_line = std::to_string(house) + " " + (rng_.Chance(a.abbreviate) ? unit.street_short : unit.street);
    if (rng_.Chance(a.postcode_missing)) return;
    r.postcode = unit.postcode;
    if (rng_.Chance(a.postcode_typo)) {  // the last letter of the inward code, the commonest slip
      char& last = r.postcode.back();
      last = kUnitLetters[(kUnitLetters.find(last) + 1 + rng_.Below(kUnitLetters.size() - 1)) % kUnitLetters.size()];
    }
    if (rng_.Chance(0.3)) std::erase(r.postcode, ' ');
  }

  void IdentifiersAsRecorded(std::uint32_t child, const Agency& a, Record& r) {
    const Child& c = children_[child];
    if (rng_.Chance(a.nhs)) {
      r.nhs_number = c.nhs;
      if (rng_.Chance(a.wrong_nhs)) {  // a sibling's number, or another child's
        const std::uint32_t other = child > 0 && children_[child - 1].household == c.household ? child - 1
                                                                                            : static_cast<std::uint32_t>(rng_.Below(children_.size()));
        r.nhs_number = children_[other].nhs;
      } else if (rng_.Chance(a.nhs_typo)) {
        r.nhs_number = Typo(rng_, r.nhs_number, true);
      }
      if (rng_.Chance(0.3)) r.nhs_number = r.nhs_number.substr(0, 3) + " " + r.nhs_number.substr(3, 3) + " " + r.nhs_number.substr(6);
    }
    if (!c.upn.empty() && rng_.Chance(a.upn)) {
      r.upn = c.upn;
      if (rng_.Chance(a.upn_typo)) r.upn = Typo(rng_, r.upn, true);
    }
  }

  void RecordChild(std::uint32_t child, const Agency& a) {
    const Child& c = children_[child];
    if (2025 - c.year < a.min_age || !rng_.Chance(a.coverage)) return;
    const int copies = rng_.Chance(a.duplicate) ? 2 : 1;
    for (int k = 0; k < copies; ++k) {
      const Household& h = households_[c.household];
      Record r;
      r.id = a.code + "-" + std::to_string(++serial_);
      r.organisation = a.name;
      r.given_name = GivenAsRecorded(c, h, a);
      r.family_name = FamilyAsRecorded(c, h, a);
      if (rng_.Chance(a.swap_names)) std::swap(r.given_name, r.family_name);
      if (rng_.Chance(a.upper)) r.given_name = Upper(r.given_name), r.family_name = Upper(r.family_name);
      else if (rng_.Chance(a.lower)) r.given_name = Lower(r.given_name), r.family_name = Lower(r.family_name);
      r.date_of_birth = DateAsRecorded(c, a);
      if (!rng_.Chance(a.sex_missing)) {
        const bool wrong = rng_.Chance(a.sex_wrong);
        r.sex = (c.sex == Sex::kFemale) != wrong ? Sex::kFemale : Sex::kMale;
      }
      AddressAsRecorded(h, a, r);
      IdentifiersAsRecorded(child, a, r);
      data_.records.push_back(std::move(r));
      data_.person.push_back(child);
    }
  }

  SyntheticOptions o_;
  Rng rng_;
  std::vector<Unit> units_;
  std::vector<Household> households_;
  std::vector<Child> children_;
  SyntheticData data_;
  std::size_t serial_ = 0;
};

std::uint64_t PairsIn(std::uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

SyntheticData Generate(const SyntheticOptions& options) { return Generator(options).Run(); }

Accuracy Evaluate(const SyntheticData& data, const std::vector<std::uint32_t>& cluster) {
  Accuracy a;
  std::unordered_map<std::uint32_t, std::uint64_t> per_person, per_cluster;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> per_both;
  for (std::size_t i = 0; i < data.records.size(); ++i) {
    ++per_person[data.person[i]];
    ++per_cluster[cluster[i]];
    ++per_both[{cluster[i], data.person[i]}];
  }
  for (const auto& [p, n] : per_person) a.true_pairs += PairsIn(n);
  for (const auto& [c, n] : per_cluster) a.predicted_pairs += PairsIn(n);
  for (const auto& [k, n] : per_both) a.correct_pairs += PairsIn(n);
  // Wrongly joined pairs, by how the two children are related.
  std::map<std::uint32_t, std::vector<std::pair<std::uint32_t, std::uint64_t>>> by_cluster;
  for (const auto& [k, n] : per_both) by_cluster[k.first].emplace_back(k.second, n);
  for (const auto& [c, people] : by_cluster)
    for (std::size_t x = 0; x < people.size(); ++x)
      for (std::size_t y = x + 1; y < people.size(); ++y) {
        const auto [p, np] = people[x];
        const auto [q, nq] = people[y];
        const std::uint64_t pairs = np * nq;
        if (data.twin_of[p] == q) a.twin_pairs_joined += pairs;
        else if (data.household[p] == data.household[q]) a.sibling_pairs_joined += pairs;
        else a.other_pairs_joined += pairs;
      }
  return a;
}

}  // namespace jigsaw::linkage::synthetic
