// A soak: mixed, realistic traffic from several hundred simulated
// practitioners against one `jigsaw serve` process, for minutes, to see
// that nothing fails, what each kind of request costs at the 50th and 99th
// percentile, and that the server's memory stays flat once warm.
//
//   build/bench/soak                  # 60 s (a quick run)
//   build/bench/soak --full           # 600 s, the figures in README.md
//   build/bench/soak --seconds 120 --users 320 --threads 4
//
// It makes a temporary SQLite database with `jigsaw init --demo`, adds
// extra practitioners and safeguarding leads to each demo organisation as
// the operator (with the demo password and authenticator secret), starts
// `jigsaw serve` as a separate process (so its resident memory is its own)
// and drives it from a few client threads, each with one keep-alive
// connection that its share of the users take turns on. Every request's
// status is checked; anything else is an error, and the first few bodies
// are printed. VmRSS of the server is read from /proc every 10 seconds.
// Passwords are hashed at the lowest cost (`--hash-cost`, default
// minimum-for-tests-only, as bench/http/run.sh does): at the production
// cost ("interactive": Argon2id with 64 MiB) each sign-in costs the server
// about half a second of a core and 64 MiB for that time, so on two cores
// the first minutes are nothing but several hundred sign-ins, and the
// memory samples show how many hashes were running rather than whether
// the server keeps what it should not. `--hash-cost interactive` measures
// that cost too.
// Exit status: 0 if there were no errors, 1 if there were, 2 if the set-up failed.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "access/totp.h"
#include "app/application.h"
#include "app/config.h"
#include "app/demo.h"

namespace {

using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace fs = std::filesystem;
using namespace jigsaw;

// ---------------------------------------------------------------- options

struct Options {
  int seconds = 60;
  int users = 320;   // spread evenly over the demo organisations and the threads
  int threads = 4;   // client threads, one keep-alive connection each
  std::string jigsaw = JIGSAW_BINARY;
  std::string hash_cost = "minimum-for-tests-only";  // sign_in.password_hash_cost
};

std::optional<Options> ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::optional<std::string> {
      if (i + 1 >= argc) return std::nullopt;
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (a == "--full") o.seconds = 600;
    else if (a == "--seconds" && (v = next())) o.seconds = std::stoi(*v);
    else if (a == "--users" && (v = next())) o.users = std::stoi(*v);
    else if (a == "--threads" && (v = next())) o.threads = std::stoi(*v);
    else if (a == "--jigsaw" && (v = next())) o.jigsaw = *v;
    else if (a == "--hash-cost" && (v = next())) o.hash_cost = *v;
    else return std::nullopt;
  }
  if (o.seconds < 1 || o.users < 1 || o.threads < 1) return std::nullopt;
  return o;
}

// ---------------------------------------------------------------- kinds of request

enum Kind {
  kPassword, kCode, kSignOut, kNewChild, kConcern, kAssessment, kShare, kApprove,
  kInbox, kOpenDisclosure, kChildRecord, kFeedback, kKindCount
};
constexpr const char* kKindNames[kKindCount] = {
    "POST /sessions (password)", "POST /sessions/second-factor", "DELETE /sessions/current",
    "POST /people (child)",      "POST /concerns",               "POST /assessments",
    "POST /decisions (share)",   "POST /decisions/{id}/approve", "GET /disclosures?box=inbox",
    "GET /disclosures/{id}",     "GET /people/{id}",             "POST /disclosures/{id}/feedback"};
constexpr int kExpected[kKindCount] = {202, 201, 204, 201, 201, 200, 201, 200, 200, 200, 200, 201};

// ---------------------------------------------------------------- processes

// Runs the jigsaw binary with `args`, its output discarded; returns its exit status.
int RunJigsaw(const std::string& binary, const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(binary.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

struct Server {
  pid_t pid = -1;
  std::uint16_t port = 0;
};

// `jigsaw serve` on a free port with two I/O threads, as in production on
// two cores; the port is read from the line it prints once listening.
Server StartServer(const std::string& binary, const std::string& database) {
  int out[2];
  if (pipe(out) != 0) return {};
  Server s;
  s.pid = fork();
  if (s.pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    prctl(PR_SET_PDEATHSIG, SIGKILL);  // not left running if the soak is stopped
    setenv("JIGSAW_ACCESS_LOG", "false", 1);
    execl(binary.c_str(), binary.c_str(), "serve", "--port", "0", "--threads", "2", "--database",
          database.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  FILE* f = fdopen(out[0], "r");
  char line[512];
  if (f && std::fgets(line, sizeof line, f)) {
    const std::string text(line);
    const auto at = text.find("127.0.0.1:");
    if (at != std::string::npos) s.port = static_cast<std::uint16_t>(std::atoi(text.c_str() + at + 10));
  }
  // Its later output (nothing, with the access log off) is not read; the
  // pipe stays open so that a write would not end it.
  return s;
}

// The server's memory at one moment, in KiB: its resident set (VmRSS),
// split as the kernel counts it into anonymous memory (the heap: what a
// leak would grow) and file pages (SQLite maps the database file, up to
// mmap_size, so these grow with the data); and the size of the database
// with its write-ahead log, for comparison.
struct Sample {
  int second = 0;
  long rss = 0, anon = 0, file = 0, database = 0;
};

Sample Measure(int second, pid_t pid, const fs::path& database_file) {
  Sample s{.second = second};
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with("VmRSS:")) s.rss = std::atol(line.c_str() + 6);
    if (line.starts_with("RssAnon:")) s.anon = std::atol(line.c_str() + 8);
    if (line.starts_with("RssFile:")) s.file = std::atol(line.c_str() + 8);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal"}) {
    const auto size = fs::file_size(database_file.string() + suffix, ec);
    if (!ec) s.database += static_cast<long>(size / 1024);
  }
  return s;
}

// ---------------------------------------------------------------- accounts

struct Account {
  std::string username;
  int organisation = 0;  // index into the organisation list
  bool dsl = false;
};

// The accounts: `users` of them spread over the organisations, each
// organisation's share on each thread led by one safeguarding lead (who
// approves that thread's shares by the organisation's staff). Account i
// belongs to client thread i % threads.
std::vector<Account> PlanAccounts(const Options& o, int organisations) {
  std::vector<Account> accounts;
  for (int i = 0; i < o.users; ++i) {
    const int slot = i / o.threads;  // the user's place on its thread
    accounts.push_back({.username = "soak" + std::to_string(i) + "@demo.jigsaw",
                        .organisation = slot % organisations, .dsl = slot < organisations});
  }
  return accounts;
}

// Adds the planned accounts as the operator, with the demo password and
// authenticator secret, two at a time: each costs a password hash at the
// configured cost, which is most of the set-up time.
Result<std::vector<Account>> AddAccounts(const Options& o, const std::string& database,
                                         std::vector<std::string>& organisation_ids) {
  app::Flags flags{{"database", database}};
  auto environment = app::ProcessEnvironment();
  environment.emplace("JIGSAW_STATIC_DIR", (fs::path(o.jigsaw).parent_path() / "static").string());
  auto config = JIGSAW_TRY(app::LoadConfig(flags, environment));
  SystemClock clock;
  auto application = JIGSAW_TRY(app::Application::Create(config, clock));
  const auto op = service::Context::Operator("soak");
  for (const auto& org : JIGSAW_TRY(application->administration().ListOrganisations(op)))
    organisation_ids.push_back(org.id);
  const auto accounts = PlanAccounts(o, static_cast<int>(organisation_ids.size()));
  const Bytes secret = *access::Base32Decode(app::kDemoTotpSecret);
  std::vector<Status> outcome(2);
  auto add = [&](std::size_t first) -> Status {
    for (std::size_t i = first; i < accounts.size(); i += 2) {
      const Account& a = accounts[i];
      const domain::RoleSet roles = a.dsl ? domain::RoleSet{domain::Role::kDesignatedSafeguardingLead}
                                          : domain::RoleSet{domain::Role::kPractitioner};
      auto added = JIGSAW_TRY(application->administration().AddPractitioner(
          op, {organisation_ids[a.organisation], a.username, "Soak User " + std::to_string(i), roles,
               std::string(app::kDemoPassword)}));
      JIGSAW_RETURN_IF_ERROR(application->accounts().EnrolAuthenticator(op, added.id, secret));
    }
    return {};
  };
  std::thread second([&] { outcome[1] = add(1); });
  outcome[0] = add(0);
  second.join();
  for (const auto& s : outcome) JIGSAW_RETURN_IF_ERROR(s);
  return accounts;
}

// ---------------------------------------------------------------- one connection

struct Reply {
  int status = 0;
  std::string body;
};

// One keep-alive HTTP/1.1 connection to the server, reopened if the server
// closes it.
class Connection {
 public:
  explicit Connection(std::uint16_t port) : port_(port) {}

  Reply Send(bhttp::verb verb, const std::string& target, const std::string& body, const std::string& token) {
    bhttp::request<bhttp::string_body> request{verb, target, 11};
    request.set(bhttp::field::host, "127.0.0.1");
    if (!token.empty()) request.set(bhttp::field::authorization, "Bearer " + token);
    if (!body.empty()) request.set(bhttp::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    if (!stream_ && !Open()) return {0, "cannot connect"};
    beast::error_code ec;
    bhttp::write(*stream_, request, ec);
    if (!ec) {
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      bhttp::read(*stream_, buffer_, parser, ec);
      if (!ec) {
        auto response = parser.release();
        if (!response.keep_alive()) Close();
        return {static_cast<int>(response.result_int()), std::move(response.body())};
      }
    }
    // Not retried: a request that may have reached the server is never sent twice.
    Close();
    return {0, "connection failed: " + ec.message()};
  }

 private:
  bool Open() {
    beast::error_code ec;
    stream_.emplace(io_);
    stream_->connect(boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_), ec);
    if (ec) stream_.reset();
    return stream_.has_value();
  }
  void Close() {
    stream_.reset();
    buffer_.clear();
  }

  std::uint16_t port_;
  boost::asio::io_context io_;
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

// ---------------------------------------------------------------- what the run found

struct Tally {
  std::vector<std::vector<float>> milliseconds = std::vector<std::vector<float>>(kKindCount);
  std::vector<long> errors = std::vector<long>(kKindCount);
};

// Error bodies are printed as they happen, the first few only.
std::mutex print_mutex;
int printed_errors = 0;

void ReportError(Kind kind, const Reply& r) {
  std::lock_guard lock(print_mutex);
  if (++printed_errors > 5) return;
  std::cerr << "error: " << kKindNames[kind] << " gave " << r.status << " (expected " << kExpected[kind]
            << "): " << r.body.substr(0, 400) << "\n";
}

// ---------------------------------------------------------------- shared between threads

// A disclosure that has been sent, known to its recipient organisation's users.
struct Sent {
  std::string id;
  bool opened = false;
  bool feedback_claimed = false;
};

class Disclosures {
 public:
  explicit Disclosures(int organisations) : by_recipient_(organisations) {}
  void Add(int recipient, std::string id) {
    std::lock_guard lock(mutex_);
    by_recipient_[recipient].push_back({std::move(id)});
  }
  // A random disclosure sent to `recipient`; empty if none yet.
  std::string Any(int recipient, std::mt19937& random) {
    std::lock_guard lock(mutex_);
    auto& list = by_recipient_[recipient];
    if (list.empty()) return {};
    auto& d = list[std::uniform_int_distribution<std::size_t>(0, list.size() - 1)(random)];
    d.opened = true;
    return d.id;
  }
  // An opened disclosure to `recipient` nobody has given feedback on, now claimed; empty if none.
  std::string ClaimForFeedback(int recipient) {
    std::lock_guard lock(mutex_);
    for (auto& d : by_recipient_[recipient])
      if (d.opened && !d.feedback_claimed) {
        d.feedback_claimed = true;
        return d.id;
      }
    return {};
  }

 private:
  std::mutex mutex_;
  std::vector<std::vector<Sent>> by_recipient_;
};

// ---------------------------------------------------------------- simulated users

struct Concern {
  std::string id;
  std::vector<std::string> item_ids;
  bool shared = false;
};

struct User {
  Account account;
  std::string token;
  std::int64_t last_step = -1;  // the authenticator step of the last code used
  std::vector<std::string> children;
  std::vector<Concern> concerns;
};

const std::string kAssessmentBody = R"({"sharer":{"sector":"public"},"recipient":{"safeguarding_role":true},
  "purpose":"safeguarding","risk":"significant","uncertain":false,"objections":[{"by":"parent"}],
  "items":[{"id":"bruising","relevant":true,"necessary":true,"accuracy":"verified",
            "special_category":["health"],"identifies":[{"who":"Neighbour N"}]},
           {"id":"spelling-bee","relevant":false,"necessary":false}]})";

json ChildBody(int n) {
  return {{"kind", "child"}, {"given_name", "Soak"}, {"family_name", "Child" + std::to_string(n)},
          {"date_of_birth", "2016-03-04"}, {"address", std::to_string(n % 90 + 1) + " Mill Lane, Brackenford"}};
}

json ConcernBody(const std::string& child_id) {
  return {{"child_id", child_id}, {"forms", {"physical_abuse", "neglect"}}, {"level", "significant_harm"},
          {"what_happened", "Bruising on both upper arms, seen when the child changed for PE."},
          {"child_words", "Dad grabbed me when I spilt the milk."},
          {"items", json::array({{{"text", "Bruising on both upper arms."}, {"source", "class teacher"},
                                  {"accuracy", "verified"}, {"special_category", {"health"}}},
                                 {{"text", "Often arrives hungry and in the same clothes."},
                                  {"source", "class teacher"}, {"accuracy", "unverified"}}})}};
}

json DecisionBody(const Concern& c, const std::string& recipient_id) {
  json items = json::array();
  for (const auto& id : c.item_ids) items.push_back({{"id", id}, {"relevant", true}, {"necessary", true}});
  return {{"concern_id", c.id}, {"recipient_organisation_id", recipient_id},
          {"circumstances", {{"purpose", "safeguarding"}, {"risk", "significant"}, {"objections", {"parent"}},
                             {"informing", {{"risk_to_child", true}}}}},
          {"items", items}, {"share_items", c.item_ids}, {"outcome", "share"},
          {"rationale", "Injuries and the child's account suggest significant harm at home."},
          {"lawful_basis", "public_task"},
          {"special_category_condition", "Safeguarding of children and individuals at risk (DPA 2018 Sch 1 para 18)"},
          {"confidentiality_basis", "Overriding public interest: risk of significant harm to a child"},
          {"objection_overrides", {{{"by", "parent"}, {"reason", "Telling father would increase the risk."}}}},
          {"informing", {{"told", false}, {"reason_not_told", "Telling the family could put the child at greater risk."}}}};
}

// One client thread: its users take turns on its connection, each doing
// one thing at a time, chosen at random with the weights of a working day,
// more reading than writing: in a hundred turns 10 record a concern (and a
// new child for the first three), 10 ask for an assessment, 8 decide to
// share a concern, 22 read the inbox, 21 open a disclosure sent to their
// organisation, 20 read a child's record, 8 give feedback on one opened
// disclosure nobody has answered yet, 1 signs out (and signs in again on
// its next turn in a later 30-second step). A share held for the
// safeguarding lead (a school's staff) is approved at once by the lead.
// There is no think time: the figures are at the rate two cores sustain.
class Worker {
 public:
  Worker(std::uint16_t port, std::vector<User> users, const std::vector<std::string>& organisation_ids,
         Disclosures& disclosures, unsigned seed)
      : connection_(port), users_(std::move(users)), organisation_ids_(organisation_ids),
        disclosures_(disclosures), random_(seed) {}

  void Run(SteadyClock::time_point until) {
    while (SteadyClock::now() < until)
      for (auto& user : users_) {
        if (SteadyClock::now() >= until) break;
        Act(user);
      }
  }
  Tally& tally() { return tally_; }

 private:
  // Sends one request, timing it and checking its status.
  std::optional<Reply> Call(Kind kind, bhttp::verb verb, const std::string& target, const std::string& body,
                            const std::string& token) {
    const auto start = SteadyClock::now();
    Reply r = connection_.Send(verb, target, body, token);
    const std::chrono::duration<float, std::milli> took = SteadyClock::now() - start;
    tally_.milliseconds[kind].push_back(took.count());
    if (r.status == kExpected[kind]) return r;
    ++tally_.errors[kind];
    ReportError(kind, r);
    return std::nullopt;
  }
  std::optional<json> CallJson(Kind kind, bhttp::verb verb, const std::string& target, const json& body,
                               const std::string& token) {
    auto r = Call(kind, verb, target, body.is_null() ? std::string() : body.dump(), token);
    if (!r) return std::nullopt;
    return json::parse(r->body, nullptr, false);
  }

  void Act(User& u) {
    if (u.token.empty()) return SignIn(u);
    const int roll = std::uniform_int_distribution(0, 99)(random_);
    if (roll < 10) return RecordConcern(u);
    if (roll < 20) return Assess(u);
    if (roll < 28) return Share(u);
    if (roll < 50) return ReadInbox(u);
    if (roll < 71) return OpenDisclosure(u);
    if (roll < 91) return ReadChild(u);
    if (roll < 99) return GiveFeedback(u);
    return SignOut(u);
  }

  // The two steps; a code is good once per account, so a user signs in
  // again only in a later 30-second step than its last sign-in.
  void SignIn(User& u) {
    const std::int64_t step = access::TotpStep(SystemClock().Now());
    if (step <= u.last_step) return;
    auto challenge = CallJson(kPassword, bhttp::verb::post, "/api/v1/sessions",
                              {{"username", u.account.username}, {"password", app::kDemoPassword}}, {});
    if (!challenge) return;
    u.last_step = step;
    const std::string code = access::Hotp(*access::Base32Decode(app::kDemoTotpSecret), step);
    auto session = CallJson(kCode, bhttp::verb::post, "/api/v1/sessions/second-factor",
                            {{"challenge_token", challenge->value("challenge_token", "")}, {"code", code}}, {});
    if (session) u.token = session->value("token", "");
  }

  void SignOut(User& u) {
    if (u.account.dsl) return ReadInbox(u);  // a lead stays signed in to approve shares
    Call(kSignOut, bhttp::verb::delete_, "/api/v1/sessions/current", {}, u.token);
    u.token.clear();
  }

  void RecordConcern(User& u) {
    if (u.children.size() < 3) {
      auto child = CallJson(kNewChild, bhttp::verb::post, "/api/v1/people", ChildBody(++children_made_), u.token);
      if (!child) return;
      u.children.push_back(child->value("id", ""));
    }
    const auto& child = u.children[std::uniform_int_distribution<std::size_t>(0, u.children.size() - 1)(random_)];
    auto concern = CallJson(kConcern, bhttp::verb::post, "/api/v1/concerns", ConcernBody(child), u.token);
    if (!concern) return;
    Concern c{.id = concern->value("id", "")};
    for (const auto& item : (*concern)["items"]) c.item_ids.push_back(item.value("id", ""));
    if (u.concerns.size() >= 8) u.concerns.erase(u.concerns.begin());
    u.concerns.push_back(std::move(c));
  }

  void Assess(User& u) { Call(kAssessment, bhttp::verb::post, "/api/v1/assessments", kAssessmentBody, u.token); }

  // Decides to share one of the user's concerns with another organisation;
  // a share held for the safeguarding lead is approved by this thread's lead there.
  void Share(User& u) {
    auto c = std::find_if(u.concerns.begin(), u.concerns.end(), [](const Concern& c) { return !c.shared; });
    if (c == u.concerns.end()) return RecordConcern(u);
    c->shared = true;
    const int orgs = static_cast<int>(organisation_ids_.size());
    const int recipient = (u.account.organisation + std::uniform_int_distribution(1, orgs - 1)(random_)) % orgs;
    auto decided = CallJson(kShare, bhttp::verb::post, "/api/v1/decisions",
                            DecisionBody(*c, organisation_ids_[recipient]), u.token);
    if (!decided) return;
    if ((*decided)["disclosure_id"].is_null()) {
      const User* lead = Lead(u.account.organisation);
      if (!lead) return;
      decided = CallJson(kApprove, bhttp::verb::post,
                         "/api/v1/decisions/" + decided->value("id", "") + "/approve", json::object(), lead->token);
      if (!decided || !(*decided)["disclosure_id"].is_string()) return;
    }
    disclosures_.Add(recipient, (*decided)["disclosure_id"].get<std::string>());
  }

  const User* Lead(int organisation) const {
    for (const auto& v : users_)
      if (v.account.dsl && v.account.organisation == organisation && !v.token.empty()) return &v;
    return nullptr;
  }

  void ReadInbox(User& u) { Call(kInbox, bhttp::verb::get, "/api/v1/disclosures?box=inbox", {}, u.token); }

  void OpenDisclosure(User& u) {
    const std::string id = disclosures_.Any(u.account.organisation, random_);
    if (id.empty()) return ReadInbox(u);
    Call(kOpenDisclosure, bhttp::verb::get, "/api/v1/disclosures/" + id, {}, u.token);
  }

  void ReadChild(User& u) {
    if (u.children.empty()) return RecordConcern(u);
    const auto& child = u.children[std::uniform_int_distribution<std::size_t>(0, u.children.size() - 1)(random_)];
    Call(kChildRecord, bhttp::verb::get, "/api/v1/people/" + child, {}, u.token);
  }

  void GiveFeedback(User& u) {
    const std::string id = disclosures_.ClaimForFeedback(u.account.organisation);
    if (id.empty()) return OpenDisclosure(u);
    Call(kFeedback, bhttp::verb::post, "/api/v1/disclosures/" + id + "/feedback",
         json{{"action", "advice_given"}, {"note", "Advice given to the school; no further action here."}}.dump(),
         u.token);
  }

  Connection connection_;
  std::vector<User> users_;
  const std::vector<std::string>& organisation_ids_;
  Disclosures& disclosures_;
  std::mt19937 random_;
  Tally tally_;
  int children_made_ = 0;
};

// ---------------------------------------------------------------- the report

float Percentile(std::vector<float>& v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

long PrintRequests(std::vector<std::unique_ptr<Worker>>& workers, double seconds) {
  Tally all;
  for (auto& w : workers)
    for (int k = 0; k < kKindCount; ++k) {
      auto& from = w->tally().milliseconds[k];
      all.milliseconds[k].insert(all.milliseconds[k].end(), from.begin(), from.end());
      all.errors[k] += w->tally().errors[k];
    }
  long total = 0, errors = 0;
  std::printf("\n%-34s %9s %7s %9s %9s\n", "request", "count", "errors", "p50 ms", "p99 ms");
  for (int k = 0; k < kKindCount; ++k) {
    auto& v = all.milliseconds[k];
    total += static_cast<long>(v.size());
    errors += all.errors[k];
    const float p50 = Percentile(v, 0.50), p99 = Percentile(v, 0.99);
    std::printf("%-34s %9zu %7ld %9.2f %9.2f\n", kKindNames[k], v.size(), all.errors[k], p50, p99);
  }
  std::printf("%-34s %9ld %7ld\nthroughput: %.0f requests/s over %.0f s\n", "all", total, errors,
              static_cast<double>(total) / seconds, seconds);
  return errors;
}

double Mib(long kib) { return static_cast<double>(kib) / 1024; }

void PrintMemory(const std::vector<Sample>& samples) {
  std::printf("\nserver memory every 10 s (MiB): VmRSS = RssAnon (heap) + RssFile (mapped database, binary)\n");
  std::printf("%6s %9s %9s %9s %12s\n", "second", "VmRSS", "RssAnon", "RssFile", "db + wal");
  for (const auto& s : samples)
    std::printf("%6d %9.1f %9.1f %9.1f %12.1f\n", s.second, Mib(s.rss), Mib(s.anon), Mib(s.file), Mib(s.database));
  const auto warm = std::find_if(samples.begin(), samples.end(), [](auto& s) { return s.second >= 60; });
  if (warm == samples.end() || samples.back().second == warm->second) {
    std::printf("(the run is too short to measure growth after the first minute)\n");
    return;
  }
  const Sample& last = samples.back();
  const double minutes = (last.second - warm->second) / 60.0;
  std::printf("growth from %d s to %d s: VmRSS %+.1f MiB (RssAnon %+.1f, RssFile %+.1f; %+.2f MiB/min of heap), "
              "database %+.1f MiB\n",
              warm->second, last.second, Mib(last.rss - warm->rss), Mib(last.anon - warm->anon),
              Mib(last.file - warm->file), Mib(last.anon - warm->anon) / minutes, Mib(last.database - warm->database));
  // SQLite's page cache (cache_size, per connection) fills as the database
  // grows, so the heap can rise for some minutes before it levels off; the
  // second half of a long run shows what is left after that.
  const Sample& half = samples[samples.size() / 2];
  if (half.second > warm->second)
    std::printf("growth from %d s to %d s: VmRSS %+.1f MiB (RssAnon %+.1f, RssFile %+.1f)\n", half.second,
                last.second, Mib(last.rss - half.rss), Mib(last.anon - half.anon), Mib(last.file - half.file));
}

// ---------------------------------------------------------------- the run

std::vector<Sample> Drive(const Options& o, const Server& server, const fs::path& database_file, const std::vector<Account>& accounts,
                                        const std::vector<std::string>& organisation_ids, std::vector<std::unique_ptr<Worker>>& workers) {
  Disclosures disclosures(static_cast<int>(organisation_ids.size()));
  std::vector<std::vector<User>> users(static_cast<std::size_t>(o.threads));
  for (std::size_t i = 0; i < accounts.size(); ++i) users[i % users.size()].push_back(User{.account = accounts[i]});
  workers.reserve(users.size());
  for (std::size_t t = 0; t < users.size(); ++t)
    workers.push_back(std::make_unique<Worker>(server.port, std::move(users[t]), organisation_ids, disclosures,
                                               static_cast<unsigned>(1000 + t)));
  const auto start = SteadyClock::now();
  const auto until = start + std::chrono::seconds(o.seconds);
  std::vector<std::thread> threads;
  for (auto& w : workers) threads.emplace_back([&w, until] { w->Run(until); });
  std::vector<Sample> samples{Measure(0, server.pid, database_file)};
  for (int t = 10; t <= o.seconds; t += 10) {
    std::this_thread::sleep_until(start + std::chrono::seconds(t));
    samples.push_back(Measure(t, server.pid, database_file));
    std::fprintf(stderr, "%d s: VmRSS %.1f MiB (RssAnon %.1f)\n", t, Mib(samples.back().rss), Mib(samples.back().anon));
  }
  for (auto& t : threads) t.join();
  return samples;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = ParseOptions(argc, argv);
  if (!options) {
    std::cerr << "usage: soak [--seconds N | --full] [--users N] [--threads N] [--hash-cost COST] [--jigsaw PATH]\n";
    return 2;
  }
  const Options& o = *options;
  // Read by `jigsaw init`, by the accounts added here and by the server.
  setenv("JIGSAW_PASSWORD_HASH_COST", o.hash_cost.c_str(), 1);
  char pattern[] = "/tmp/jigsaw-soak.XXXXXX";
  if (!mkdtemp(pattern)) return 2;
  const fs::path work = pattern;
  const fs::path database_file = work / "data" / "soak.db";
  const std::string database = "sqlite:" + database_file.string();
  fs::create_directories(work / "data");
  struct Cleanup {
    fs::path dir;
    ~Cleanup() { fs::remove_all(dir); }
  } cleanup{work};

  if (RunJigsaw(o.jigsaw, {"init", "--demo", "--database", database}) != 0) {
    std::cerr << "soak: `jigsaw init --demo` failed\n";
    return 2;
  }
  std::vector<std::string> organisation_ids;
  const auto set_up = SteadyClock::now();
  auto accounts = AddAccounts(o, database, organisation_ids);
  if (!accounts) {
    std::cerr << "soak: adding the accounts failed: " << accounts.error().message << "\n";
    return 2;
  }
  std::fprintf(stderr, "%d accounts added in %.1f s\n", o.users,
               std::chrono::duration<double>(SteadyClock::now() - set_up).count());
  const Server server = StartServer(o.jigsaw, database);
  if (server.port == 0) {
    std::cerr << "soak: `jigsaw serve` did not start\n";
    if (server.pid > 0) kill(server.pid, SIGKILL);
    return 2;
  }
  std::printf("soak: %d users on %d client threads, %d s, jigsaw serve --threads 2 (pid %d), password hash cost %s, "
              "%u cores\n", o.users, o.threads, o.seconds, server.pid, o.hash_cost.c_str(),
              std::thread::hardware_concurrency());
  std::vector<std::unique_ptr<Worker>> workers;
  const auto samples = Drive(o, server, database_file, *accounts, organisation_ids, workers);
  kill(server.pid, SIGTERM);
  waitpid(server.pid, nullptr, 0);
  const long errors = PrintRequests(workers, o.seconds);
  PrintMemory(samples);
  return errors == 0 ? 0 : 1;
}
