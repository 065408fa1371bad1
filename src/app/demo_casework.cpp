#include "app/demo_casework.h"

#include <algorithm>
#include <functional>
#include <map>
#include <random>
#include <string>


namespace jigsaw::app {
namespace {

using domain::AbuseForm;
using domain::ConcernLevel;
using domain::PersonKind;
using domain::RelationshipKind;
using service::Context;

constexpr auto kDay = std::chrono::hours(24);

// One thing someone does on a day of the demo year, at an hour of it.
struct Event {
  int day = 0;     // working days from the start of the year
  int minute = 0;  // of the day
  int order = 0;   // as added, for events at the same minute
  std::function<Status()> act;
};

// A child of the background casework: the steady run of smaller concerns
// each organisation records in a year, so that queues, inboxes, overdue
// feedback and the oversight figures look like a real partnership's.
struct BackgroundChild {
  const char* given;
  const char* family;
  int age;                // at the start of the demo year: every child stays under 18 all year
  const char* birthday;   // "MM-DD"
  const char* org;  // the organisation that knows them
};

constexpr BackgroundChild kBackground[] = {
    {"Amelia", "Hart", 10, "04-11", "primary"},     {"Noah", "Fenwick", 9, "09-02", "primary"},
    {"Isla", "Carver", 11, "12-19", "primary"},     {"Leo", "Ashby", 8, "01-23", "primary"},
    {"Freya", "Dalton", 10, "08-30", "primary"},    {"Zayn", "Qureshi", 9, "03-14", "primary"},
    {"Mason", "Pryce", 16, "05-06", "academy"},     {"Evie", "Sandford", 15, "10-10", "academy"},
    {"Kacper", "Wisniewski", 16, "07-21", "academy"}, {"Aaliyah", "Osei", 14, "02-17", "academy"},
    {"Reece", "Tanner", 16, "11-29", "academy"},    {"Summer", "Blake", 15, "06-04", "academy"},
    {"Ruby-Mae", "Lowe", 1, "03-08", "nhs"},       {"Oscar", "Finch", 2, "11-12", "nhs"},
    {"Harper", "Quinn", 1, "01-30", "nhs"},        {"Alfie", "Doyle", 3, "05-19", "nhs"},
    {"Jessica", "Marsden", 13, "09-15", "charity"}, {"Tyrese", "Campbell", 14, "04-27", "charity"},
    {"Millie", "Rowntree", 12, "01-05", "charity"}, {"Ethan", "Hollis", 11, "08-08", "earlyhelp"},
    {"Grace", "Whitlock", 10, "12-01", "earlyhelp"}, {"Daisy", "Kerr", 6, "02-22", "gp"},
    {"Arlo", "Pennington", 7, "07-07", "gp"},
};

struct BackgroundConcern {
  AbuseForm form;
  ConcernLevel level;
  const char* what;   // {} is the child's given name
  const char* item;
  const char* source;
};

constexpr BackgroundConcern kConcerns[] = {
    {AbuseForm::kNeglect, ConcernLevel::kLow, "{} came in without a coat or breakfast again and said there was no food at home.",
     "Attendance has dropped to 84% this term; late on 9 of the last 20 days.", "attendance records"},
    {AbuseForm::kEmotionalAbuse, ConcernLevel::kLow, "{} was tearful and said that home is 'shouting all the time'.",
     "{} has been withdrawn in class for three weeks and has stopped eating lunch.", "class teacher"},
    {AbuseForm::kPhysicalAbuse, ConcernLevel::kSignificant, "A bruise about 3 cm across was seen on {}'s forearm during PE.",
     "{} said the bruise came from 'falling off the bed'; it looked like fingertip marks.", "PE teacher"},
    {AbuseForm::kDomesticAbuse, ConcernLevel::kSignificant, "{} said the police came to the house at the weekend.",
     "{} described hiding upstairs while adults argued; the neighbour called the police.", "the child, to their key worker"},
    {AbuseForm::kOnlineAbuse, ConcernLevel::kSignificant, "{} showed a friend messages from an adult asking for photographs.",
     "Screenshots seen by staff show an unknown adult asking {} to move to another app.", "head of year"},
    {AbuseForm::kNeglect, ConcernLevel::kLow, "Three missed health appointments for {} since the spring.",
     "Missed: hearing test, dental check, and the 12-month review.", "health records"},
    {AbuseForm::kCriminalExploitation, ConcernLevel::kSignificant, "{} has new expensive trainers and a second phone and was seen getting into cars after school.",
     "{} was reported missing overnight twice this month and would not say where they had been.", "pastoral lead"},
    {AbuseForm::kParentalMentalHealth, ConcernLevel::kLow, "{}'s mother said she is struggling and has stopped taking her medication.",
     "{} has been looking after younger siblings in the mornings and arriving late.", "family support worker"},
};

class DemoYear {
 public:
  DemoYear(Application& app, FakeClock& clock) : app_(app), clock_(clock), start_(clock.Now()) {}

  Status Load(Time end) {
    JIGSAW_RETURN_IF_ERROR(LoadStaff());
    Stories();
    Background();
    std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
      return a.day != b.day ? a.day < b.day : a.minute != b.minute ? a.minute < b.minute : a.order < b.order;
    });
    for (const Event& e : events_) {
      const Time at = DayStart(e.day) + std::chrono::minutes(e.minute);
      if (at > end) break;  // the rest of the year has not happened yet
      clock_.Set(at);
      JIGSAW_RETURN_IF_ERROR(e.act());
    }
    clock_.Set(end);
    return Ok();
  }

 private:
  // --- who is who -------------------------------------------------------
  Status LoadStaff() {
    for (const auto& p : JIGSAW_TRY(app_.administration().ListPractitioners(Context::Operator("demo"), std::nullopt))) {
      const std::string key = p.username.substr(0, p.username.find('@'));
      staff_[key] = Context{access::Actor{p.id, p.organisation_id, p.roles, false}, "demo"};
    }
    for (const char* needed : {"primary.teacher", "primary.dsl", "academy.teacher", "academy.dsl", "gp.doctor", "gp.dsl",
                               "nhs.nurse", "nhs.dsl", "police.officer", "police.dsl", "csc.socialworker", "csc.dsl",
                               "earlyhelp.worker", "earlyhelp.dsl", "charity.youthworker", "charity.dsl"})
      if (!staff_.contains(needed)) return Fail(ErrorCode::kFailedPrecondition, "The demo partnership is not loaded.");
    return Ok();
  }
  const Context& As(const std::string& who) const { return staff_.at(who); }
  std::string Org(const std::string& key) const { return staff_.at(key + ".dsl").actor.organisation_id; }
  std::string DslOf(const std::string& who) const { return who.substr(0, who.find('.')) + ".dsl"; }

  // --- the calendar -----------------------------------------------------
  // Day `n` of the year is the n-th working day from its start (casework
  // happens on working days; an emergency at the weekend is the one
  // exception, placed by its own minute past the day's start).
  Time DayStart(int n) const {
    auto day = std::chrono::floor<std::chrono::days>(start_);
    for (int i = 0; i < n; ++i) {
      do day += std::chrono::days(1);
      while (std::chrono::weekday(day) == std::chrono::Saturday || std::chrono::weekday(day) == std::chrono::Sunday);
    }
    return Time(day);
  }
  std::string Date(int n) const { return FormatRfc3339(DayStart(n)).substr(0, 10); }
  // A child's date of birth from their age when the demo year starts, so
  // that the demo made in any year has the same children, none of them 18
  // before its end (a concern is about someone under 18).
  std::string Born(int age, std::string_view birthday) const {
    const int year = std::stoi(FormatRfc3339(start_).substr(0, 4));
    return std::to_string(year - age) + "-" + std::string(birthday);
  }
  void At(int day, int hour, int minute, std::function<Status()> act) {
    events_.push_back({day, hour * 60 + minute, static_cast<int>(events_.size()), std::move(act)});
  }

  // --- what practitioners do ---------------------------------------------
  Result<std::string> Child(const std::string& who, domain::Person p) {
    p.kind = PersonKind::kChild;
    return JIGSAW_TRY(app_.casework().AddPerson(As(who), std::move(p))).id;
  }
  Result<std::string> Around(const std::string& who, const std::string& child_id, domain::Person p, RelationshipKind kind) {
    return JIGSAW_TRY(app_.casework().AddPerson(As(who), std::move(p), service::LinkTo{child_id, kind})).id;
  }
  Result<std::string> Raise(const std::string& who, service::NewConcern concern) {
    return JIGSAW_TRY(app_.casework().RaiseConcern(As(who), concern)).concern.id;
  }

  // A decision about a concern, to share or not with `to`, with the reasons
  // recorded (golden rule 7) and any mention of a protected person withheld.
  Result<service::DecisionResult> Decide(const std::string& who, const std::string& concern_id, const std::string& to,
                                         guidance::Risk risk, const std::string& rationale, bool share) {
    const Context& c = As(who);
    const auto record = JIGSAW_TRY(app_.casework().GetConcern(c, concern_id));
    service::NewDecision d;
    d.concern_id = concern_id;
    d.recipient_organisation_id = Org(to);
    d.circumstances = service::Circumstances{.purpose = to == "earlyhelp" ? guidance::Purpose::kEarlyHelp
                                                                          : guidance::Purpose::kSafeguarding,
                                             .risk = risk};
    d.circumstances->informing.risk_to_child = share;
    for (const auto& item : record.items) {
      d.items.push_back({item.id, true, share});
      if (share) d.share_items.push_back(item.id);
    }
    d.concern_account = share ? domain::ConcernAccount::kShared : domain::ConcernAccount::kNotShared;
    d.outcome = share ? domain::DecisionOutcome::kShare : domain::DecisionOutcome::kNotShare;
    d.record.rationale = rationale;
    d.record.lawful_basis = "public_task";
    if (share) d.record.informing = domain::Informing{.reason_not_told = "Telling the family first could place the child at greater risk."};
    const auto preview = JIGSAW_TRY(app_.sharing().Preview(c, d));
    for (const auto& m : preview.mentions) d.mention_reviews.push_back({m.id, domain::MentionChoice::kWithhold, ""});
    if (preview.assessment) {
      const auto r = preview.assessment->recommendation;
      const bool advised = r == guidance::Recommendation::kShare || r == guidance::Recommendation::kShareNow ||
                           r == guidance::Recommendation::kShareLimited;
      if (advised != share)
        d.record.departure_reason = share ? "The pattern across this term matters more than any one incident."
                                          : "Monitoring in school first, as agreed with the family; reviewed in two weeks.";
    }
    return app_.sharing().Decide(c, d);
  }
  // A share by a DSL (or, where staff share directly, by anyone): the id
  // of the disclosure made.
  Result<std::string> Share(const std::string& who, const std::string& concern_id, const std::string& to,
                            guidance::Risk risk, const std::string& rationale) {
    auto decided = JIGSAW_TRY(Decide(who, concern_id, to, risk, rationale, true));
    if (!decided.disclosure) return Fail(ErrorCode::kFailedPrecondition, "A demo share is waiting for approval.");
    return decided.disclosure->id;
  }
  // The recipient's DSL opens it (which records its receipt), rates it and
  // allocates it to a worker.
  Status Receive(const std::string& disclosure_id, const std::string& to, std::optional<domain::RagRating> rating = {},
                 const std::string& allocate_to = {}) {
    const Context& dsl = As(to + ".dsl");
    JIGSAW_TRY(app_.sharing().GetDisclosure(dsl, disclosure_id));
    if (rating) JIGSAW_TRY(app_.triage().Rate(dsl, disclosure_id, *rating));
    if (!allocate_to.empty()) JIGSAW_TRY(app_.triage().Allocate(dsl, disclosure_id, As(allocate_to).actor.practitioner_id));
    return Ok();
  }
  Status Feedback(const std::string& who, const std::string& disclosure_id, domain::FeedbackAction action,
                  const std::string& note) {
    JIGSAW_TRY(app_.sharing().GiveFeedback(As(who), disclosure_id, action, note));
    return Ok();
  }
  // The organisation's DSL confirms each suggested match of its records
  // (a person decides: UK GDPR Article 22).
  Status ConfirmMatches(const std::string& who) {
    for (const auto& m : JIGSAW_TRY(app_.linking().Suggestions(As(who))))
      JIGSAW_TRY(app_.linking().Confirm(As(who), m.match.id));
    return Ok();
  }

  // --- the stories --------------------------------------------------------
  void Stories() {
    TylerBrooke();
    LilyRoss();
    MayaStone();
    SkyeHolloway();
    JaydenMensah();
    Requests();
  }

  // The jigsaw: the primary school, the surgery and children's services each
  // hold a piece of Tyler's story, recorded a little differently; his
  // mother's partner is the adult around two other children too.
  void TylerBrooke() {
    At(3, 10, 0, [this]() -> Status {
      // Children's services knew the family from an early help contact.
      ids_["csc.tyler"] = JIGSAW_TRY(Child("csc.socialworker", {.given_name = "Tyler", .family_name = "Brooke",
                                                                .date_of_birth = Born(10, "06-12"),
                                                                .address = "27 Cinder Lane, Brackenford",
                                                                .postcode = "BF4 7QD"}));
      return Ok();
    });
    At(8, 9, 10, [this]() -> Status {
      ids_["primary.tyler"] = JIGSAW_TRY(Child("primary.teacher", {.given_name = "Tyler", .family_name = "Brooke",
                                                                   .date_of_birth = Born(10, "06-12"), .upn = "F801200001017",
                                                                   .address = "27 Cinder Lane\nBrackenford",
                                                                   .postcode = "BF4 7QD"}));
      ids_["primary.leanne"] = JIGSAW_TRY(Around("primary.teacher", ids_["primary.tyler"],
                                                 {.kind = PersonKind::kParent, .given_name = "Leanne", .family_name = "Brooke",
                                                  .phone_numbers = {"07700 900461"}},
                                                 RelationshipKind::kParent));
      ids_["primary.tyler.1"] = JIGSAW_TRY(Raise(
          "primary.teacher",
          {.child_id = ids_["primary.tyler"], .forms = {AbuseForm::kNeglect}, .level = ConcernLevel::kLow,
           .what_happened = "Tyler came to breakfast club hungry for the third day running and had no coat in the rain.",
           .child_words = "\"There wasn't anything in the cupboard.\"",
           .items = {{.text = "Tyler has had no coat on three wet days this week.", .source = "class teacher",
                      .accuracy = domain::Accuracy::kVerified}}}));
      return Ok();
    });
    At(8, 15, 30, [this]() -> Status {
      JIGSAW_TRY(app_.casework().RecordNextStep(As("primary.dsl"), ids_["primary.tyler.1"], domain::NextStep::kMonitor,
                                                "Breakfast club every day; coat from the uniform bank; review in a fortnight."));
      return Ok();
    });
    At(41, 9, 5, [this]() -> Status {
      ids_["primary.darren"] = JIGSAW_TRY(Around("primary.teacher", ids_["primary.tyler"],
                                                 {.kind = PersonKind::kAssociatedAdult, .given_name = "Darren",
                                                  .family_name = "Kell", .date_of_birth = "1984-02-11"},
                                                 RelationshipKind::kAssociatedAdult));
      ids_["primary.tyler.2"] = JIGSAW_TRY(Raise(
          "primary.teacher",
          {.child_id = ids_["primary.tyler"], .forms = {AbuseForm::kPhysicalAbuse, AbuseForm::kDomesticAbuse},
           .level = ConcernLevel::kSignificant,
           .what_happened = "Four oval bruises on Tyler's upper left arm, seen when he changed for PE.",
           .child_words = "\"Darren grabbed me because I was too slow.\"",
           .items = {{.text = "Tyler said his mum's partner Darren Kell grabbed his arm on Sunday.",
                      .source = "Tyler, to his class teacher", .accuracy = domain::Accuracy::kUnverified,
                      .identifies = {ids_["primary.darren"]}},
                     {.text = "Four bruises about 1 cm each on the upper left arm, in a line.", .source = "class teacher",
                      .date = Date(41), .accuracy = domain::Accuracy::kVerified}},
           .incident_date = Date(40), .incident_place = "At home"}));
      return Ok();
    });
    At(41, 11, 20, [this]() -> Status {
      ids_["d.tyler.2"] = JIGSAW_TRY(Share("primary.dsl", ids_["primary.tyler.2"], "csc", guidance::Risk::kSignificant,
                                          "Marks consistent with being gripped, and Tyler names an adult in the home."));
      return Ok();
    });
    At(41, 13, 0, [this]() -> Status {
      JIGSAW_RETURN_IF_ERROR(Receive(ids_["d.tyler.2"], "csc", domain::RagRating::kRed, "csc.socialworker"));
      return ConfirmMatches("csc.dsl");
    });
    At(43, 16, 0, [this]() -> Status {
      return Feedback("csc.socialworker", ids_["d.tyler.2"], domain::FeedbackAction::kStrategyDiscussion,
                      "Strategy discussion held with police and health; section 47 enquiry started.");
    });
    At(44, 9, 0, [this]() -> Status {
      // The surgery's record of him: the family name misspelt, and an NHS number.
      ids_["gp.tyler"] = JIGSAW_TRY(Child("gp.doctor", {.given_name = "Tyler", .family_name = "Brook",
                                                        .date_of_birth = Born(10, "06-12"), .nhs_number = "9434765870",
                                                        .address = "27 Cinder Ln, Brackenford", .postcode = "BF4 7QD"}));
      return Ok();
    });
    At(70, 10, 0, [this]() -> Status {
      auto task = app_.case_management().AddTask(As("primary.dsl"),
                                                 {.concern_id = ids_["primary.tyler.2"],
                                                  .description = "Send the child protection conference report to the social worker",
                                                  .owner_id = As("primary.dsl").actor.practitioner_id, .due_on = Date(74)});
      if (!task) return std::unexpected(task.error());
      JIGSAW_TRY(app_.case_management().SetFlag(As("primary.dsl"), ids_["primary.tyler"],
                                                {.kind = domain::ChildFlagKind::kChildProtectionPlan,
                                                 .started_on = Date(70),
                                                 .note = "Plan under the category of physical abuse; social worker Kemi Thorne."}));
      return Ok();
    });
  }

  // The surgery hears of the same man around another child, and decides,
  // for now, not to share: the reasons are kept.
  void LilyRoss() {
    At(60, 11, 0, [this]() -> Status {
      ids_["gp.lily"] = JIGSAW_TRY(Child("gp.doctor", {.given_name = "Lily", .family_name = "Ross",
                                                       .date_of_birth = Born(12, "07-07"), .nhs_number = "9434765889",
                                                       .address = "4 Weir Court, Brackenford", .postcode = "BF2 3LT"}));
      JIGSAW_TRY(Around("gp.doctor", ids_["gp.lily"],
                        {.kind = PersonKind::kAssociatedAdult, .given_name = "Darren", .family_name = "Kell",
                         .date_of_birth = "1984-02-11"},
                        RelationshipKind::kAssociatedAdult));
      ids_["gp.lily.1"] = JIGSAW_TRY(Raise(
          "gp.doctor",
          {.child_id = ids_["gp.lily"], .forms = {AbuseForm::kEmotionalAbuse}, .level = ConcernLevel::kLow,
           .what_happened = "Lily's mother said her new partner shouts at Lily and she has started wetting the bed.",
           .items = {{.text = "Bedwetting since the summer; mother links it to her new partner's shouting.",
                      .source = "GP consultation", .accuracy = domain::Accuracy::kOpinion}}}));
      return Ok();
    });
    At(60, 16, 0, [this]() -> Status {
      JIGSAW_TRY(Decide("gp.dsl", ids_["gp.lily.1"], "csc", guidance::Risk::kLow,
                        "Mother is engaging and accepted a referral to the family hub; no sign of harm yet. "
                        "Reviewed at the next appointment in four weeks.",
                        false));
      return Ok();
    });
  }

  // The police attend a domestic incident at a third address, where the
  // same man (spelt differently) lives with a third child: an emergency
  // share that night, recorded in full the next morning. Children's
  // services is alerted that one adult is around three children known to
  // three agencies.
  void MayaStone() {
    At(95, 22, 40, [this]() -> Status {
      ids_["police.maya"] = JIGSAW_TRY(Child("police.officer", {.given_name = "Maya", .family_name = "Stone",
                                                                .date_of_birth = Born(13, "09-09"),
                                                                .address = "Flat 2, 9 Tannery Row, Brackenford",
                                                                .postcode = "BF1 8HX"}));
      JIGSAW_TRY(Around("police.officer", ids_["police.maya"],
                        {.kind = PersonKind::kAssociatedAdult, .given_name = "Darran", .family_name = "Kell",
                         .date_of_birth = "1984-02-11"},
                        RelationshipKind::kAssociatedAdult));
      ids_["police.maya.1"] = JIGSAW_TRY(Raise(
          "police.officer",
          {.child_id = ids_["police.maya"], .forms = {AbuseForm::kDomesticAbuse}, .level = ConcernLevel::kImmediate,
           .what_happened = "Called to a domestic incident; Maya was in the room when her mother was assaulted.",
           .items = {{.text = "Maya's mother was assaulted in front of her; the suspect left before officers arrived.",
                      .source = "attending officer", .accuracy = domain::Accuracy::kVerified,
                      .criminal_offence = true}},
           .incident_date = Date(95), .incident_time = "22:10", .incident_place = "The family's flat"}));
      service::NewDecision d;
      d.concern_id = ids_["police.maya.1"];
      d.recipient_organisation_id = Org("csc");
      d.concern_account = domain::ConcernAccount::kShared;
      for (const auto& item : JIGSAW_TRY(app_.casework().GetConcern(As("police.officer"), d.concern_id)).items)
        d.share_items.push_back(item.id);
      d.outcome = domain::DecisionOutcome::kShare;
      d.emergency = true;
      d.record.rationale = "Maya is at immediate risk tonight: the suspect may return.";
      auto shared = JIGSAW_TRY(app_.sharing().Decide(As("police.officer"), d));
      ids_["police.maya.emergency"] = shared.decision.id;
      if (shared.disclosure) ids_["d.maya.1"] = shared.disclosure->id;
      return Ok();
    });
    At(95, 23, 5, [this]() -> Status { return Receive(ids_["d.maya.1"], "csc", domain::RagRating::kRed, "csc.socialworker"); });
    At(96, 9, 30, [this]() -> Status {
      // The full record, the morning after.
      service::NewDecision record;
      record.supersedes = ids_["police.maya.emergency"];
      record.circumstances = service::Circumstances{.purpose = guidance::Purpose::kSafeguarding,
                                                    .risk = guidance::Risk::kImmediate};
      record.circumstances->informing.compromises_investigation = true;
      for (const auto& item : JIGSAW_TRY(app_.casework().GetConcern(As("police.officer"), ids_["police.maya.1"])).items) {
        record.items.push_back({item.id, true, true});
        record.share_items.push_back(item.id);
      }
      record.outcome = domain::DecisionOutcome::kShare;
      record.record.rationale = "Immediate risk to Maya from a suspect who may return; children's services needed "
                                "to know that night to plan her safety.";
      record.record.lawful_basis = "public_task";
      record.record.criminal_offence_condition = "safeguarding_of_children";
      record.record.informing = domain::Informing{.reason_not_told = "Telling the suspect's household would compromise the investigation."};
      auto written = app_.sharing().Decide(As("police.officer"), record);
      if (!written) return std::unexpected(written.error());
      return Ok();
    });
    At(97, 14, 0, [this]() -> Status {
      return Feedback("csc.socialworker", ids_["d.maya.1"], domain::FeedbackAction::kChildInNeedAssessment,
                      "Child and family assessment started; Maya and her mother are safe with relatives.");
    });
  }

  // A charity protects a mother in a refuge: what it shares with early
  // help names her child but never her, nor where they are.
  void SkyeHolloway() {
    At(150, 10, 0, [this]() -> Status {
      ids_["charity.skye"] = JIGSAW_TRY(Child("charity.youthworker", {.given_name = "Skye", .family_name = "Holloway",
                                                                      .date_of_birth = Born(11, "10-03"),
                                                                      .address = "Hearthside House, 1 Orchard Walk, Brackenford",
                                                                      .postcode = "BF6 1RR", .is_protected = true,
                                                                      .protected_reason = "Lives in a refuge with her mother."}));
      ids_["charity.mother"] = JIGSAW_TRY(Around(
          "charity.youthworker", ids_["charity.skye"],
          {.kind = PersonKind::kParent, .given_name = "Dana", .family_name = "Holloway",
           .address = "Hearthside House, 1 Orchard Walk, Brackenford", .postcode = "BF6 1RR",
           .phone_numbers = {"07700 900777"}, .is_protected = true,
           .protected_reason = "Fled domestic abuse; the father is looking for her."},
          RelationshipKind::kParent));
      ids_["charity.skye.1"] = JIGSAW_TRY(Raise(
          "charity.youthworker",
          {.child_id = ids_["charity.skye"], .forms = {AbuseForm::kDomesticAbuse, AbuseForm::kEmotionalAbuse},
           .level = ConcernLevel::kLow,
           .what_happened = "Skye is anxious about being found by her father and is not sleeping.",
           .child_words = "\"I think I saw his car outside the shop.\"",
           .items = {{.text = "Mrs Holloway says Skye has nightmares most nights since they came to Hearthside House.",
                      .source = "youth worker", .accuracy = domain::Accuracy::kOpinion,
                      .identifies = {ids_["charity.mother"]}}}}));
      return Ok();
    });
    At(150, 14, 0, [this]() -> Status {
      ids_["d.skye.1"] = JIGSAW_TRY(Share("charity.dsl", ids_["charity.skye.1"], "earlyhelp", guidance::Risk::kLow,
                                          "Skye needs support with anxiety and school; early help can coordinate it."));
      return Ok();
    });
    At(151, 10, 0, [this]() -> Status { return Receive(ids_["d.skye.1"], "earlyhelp"); });
    At(158, 15, 0, [this]() -> Status {
      return Feedback("earlyhelp.dsl", ids_["d.skye.1"], domain::FeedbackAction::kEarlyHelpOffered,
                      "Early help assessment agreed with Skye's mother; a key worker visits weekly.");
    });
  }

  // At the academy: a teacher asks the DSL's advice, and the DSL decides
  // the matter is for the school, not children's services, and closes it.
  void JaydenMensah() {
    At(180, 12, 15, [this]() -> Status {
      ids_["academy.jayden"] = JIGSAW_TRY(Child("academy.teacher", {.given_name = "Jayden", .family_name = "Mensah",
                                                                    .date_of_birth = Born(15, "11-20"), .upn = "B801200002025"}));
      ids_["academy.jayden.1"] = JIGSAW_TRY(Raise(
          "academy.teacher",
          {.child_id = ids_["academy.jayden"], .forms = {AbuseForm::kChildOnChildAbuse}, .level = ConcernLevel::kUnsure,
           .what_happened = "Jayden says older boys took his phone and posted a video of him in a group chat.",
           .items = {{.text = "Video removed from the chat by the group's admin after staff asked.", .source = "head of year",
                      .accuracy = domain::Accuracy::kVerified}}}));
      domain::AdviceRequest ask;
      ask.question = "Is this child-on-child abuse we must refer, or something we handle in school?";
      ask.child_id = ids_["academy.jayden"];
      ask.concern_id = ids_["academy.jayden.1"];
      ids_["academy.advice"] = JIGSAW_TRY(app_.requests().AskForAdvice(As("academy.teacher"), ask)).id;
      return Ok();
    });
    At(181, 9, 0, [this]() -> Status {
      JIGSAW_TRY(app_.requests().Answer(As("academy.dsl"), ids_["academy.advice"],
                                        "Handle it in school under our behaviour policy; I'll speak to both families today. "
                                        "Refer if the video reappears or there is any sexual content."));
      JIGSAW_TRY(Decide("academy.dsl", ids_["academy.jayden.1"], "csc", guidance::Risk::kLow,
                        "Resolved in school: the video is removed, the older boys sanctioned, both families told.", false));
      return Ok();
    });
    At(186, 15, 0, [this]() -> Status {
      JIGSAW_TRY(app_.case_management().Close(As("academy.dsl"), ids_["academy.jayden.1"],
                                              domain::ConcernOutcome::kResolvedInService,
                                              "No further incidents in a week; Jayden says he feels safe."));
      return Ok();
    });
  }

  // Information seeking: children's services asks the surgery about Tyler
  // (answered with what it holds), the academy about a child it does not
  // know, and the police ask the surgery about Maya (still open, overdue).
  void Requests() {
    At(46, 10, 0, [this]() -> Status {
      domain::InformationRequest r;
      r.holder_organisation_id = Org("gp");
      r.child_given_name = "Tyler";
      r.child_family_name = "Brooke";
      r.child_date_of_birth = Born(10, "06-12");
      r.needed = "Any injuries seen, missed appointments, and any concerns about adults in the home, this year.";
      r.reason = "A section 47 enquiry is under way after bruising was seen at school.";
      r.urgency = domain::Urgency::kUrgent;
      ids_["request.tyler"] = JIGSAW_TRY(app_.requests().AskForInformation(As("csc.socialworker"), r)).id;
      return Ok();
    });
    At(47, 11, 30, [this]() -> Status {
      service::TypedAnswer a;
      a.information_request_id = ids_["request.tyler"];
      a.child_id = ids_["gp.tyler"];
      a.items = {{.text = "Seen in March with a burn on the right hand; mother said it was from the oven door.",
                  .source = "GP record", .date = Date(20), .accuracy = domain::Accuracy::kVerified},
                 {.text = "Two missed asthma reviews since January.", .source = "practice nurse",
                  .accuracy = domain::Accuracy::kVerified}};
      a.circumstances.risk = guidance::Risk::kSignificant;
      a.record.rationale = "Children's services are making enquiries under section 47; these are relevant and necessary.";
      a.record.lawful_basis = "public_task";
      a.record.informing = domain::Informing{.reason_not_told = "Telling the family could prejudice the enquiry."};
      auto answered = JIGSAW_TRY(app_.sharing().AnswerWithItems(As("gp.doctor"), a));
      if (answered.disclosure) ids_["d.tyler.gp"] = answered.disclosure->id;
      return Ok();
    });
    // The surgery's answer is left matched but not yet confirmed: the
    // social worker's match review has it waiting.
    At(47, 14, 0, [this]() -> Status { return Receive(ids_["d.tyler.gp"], "csc"); });
    At(120, 10, 0, [this]() -> Status {
      domain::InformationRequest r;
      r.holder_organisation_id = Org("academy");
      r.child_given_name = "Kai";
      r.child_family_name = "Dunmore";
      r.child_date_of_birth = Born(14, "03-03");
      r.needed = "Attendance this year and any concerns recorded.";
      r.reason = "Referral received from a neighbour; checking which agencies know Kai.";
      ids_["request.kai"] = JIGSAW_TRY(app_.requests().AskForInformation(As("csc.socialworker"), r)).id;
      return Ok();
    });
    At(121, 9, 45, [this]() -> Status {
      JIGSAW_TRY(app_.requests().AnswerNotKnown(As("academy.dsl"), ids_["request.kai"],
                                                "Searched by name, date of birth and address: not on our roll now or before."));
      return Ok();
    });
    At(245, 11, 0, [this]() -> Status {
      domain::InformationRequest r;
      r.holder_organisation_id = Org("gp");
      r.child_given_name = "Maya";
      r.child_family_name = "Stone";
      r.child_date_of_birth = Born(13, "09-09");
      r.needed = "Any injuries or disclosures recorded since last autumn.";
      r.reason = "A further domestic incident; assessing the risk to Maya for a MARAC.";
      r.urgency = domain::Urgency::kUrgent;
      JIGSAW_TRY(app_.requests().AskForInformation(As("police.dsl"), r));
      return Ok();
    });
  }

  // --- the background ------------------------------------------------------
  void Background() {
    std::mt19937 random(20261201);  // the same year every time
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    for (int day = 2; day < 250; day += 1 + pick(5)) {
      const int c = pick(static_cast<int>(std::size(kBackground)));
      const BackgroundConcern& k = kConcerns[static_cast<std::size_t>(pick(static_cast<int>(std::size(kConcerns))))];
      const BackgroundChild& child = kBackground[static_cast<std::size_t>(c)];
      const std::string org = child.org;
      const std::string who = org == "primary" || org == "academy" ? org + ".teacher"
                              : org == "nhs"                       ? "nhs.nurse"
                              : org == "charity"                   ? "charity.youthworker"
                              : org == "earlyhelp"                 ? "earlyhelp.worker"
                                                                   : "gp.doctor";
      const std::string key = "bg." + std::to_string(c);
      const std::string concern = "bg.concern." + std::to_string(day);
      const int hour = 9 + pick(7);
      // What the DSL does with it: most go no further than the organisation;
      // about two in five are shared, with children's services when the
      // concern is significant, with early help otherwise.
      const bool share = org != "earlyhelp" && (k.level == ConcernLevel::kSignificant || pick(10) < 3);
      const std::string to = k.level == ConcernLevel::kSignificant || org == "earlyhelp" ? "csc" : "earlyhelp";
      const int opened_after = pick(10) < 8 ? 0 : 2 + pick(3);  // most within a working day
      const int feedback_after = pick(10) < 7 ? 2 + pick(6) : (pick(2) ? 12 + pick(8) : -1);  // some late, some never
      const bool close = !share && pick(10) < 6;
      At(day, hour, 0, [this, child, k, who, key, concern]() -> Status {
        if (!ids_.contains(key))
          ids_[key] = JIGSAW_TRY(Child(who, {.given_name = child.given, .family_name = child.family,
                                             .date_of_birth = Born(child.age, child.birthday)}));
        ids_[concern] = JIGSAW_TRY(Raise(who, {.child_id = ids_[key], .forms = {k.form}, .level = k.level,
                                               .what_happened = Fill(k.what, child.given),
                                               .items = {{.text = Fill(k.item, child.given), .source = k.source,
                                                          .accuracy = domain::Accuracy::kUnverified}}}));
        return Ok();
      });
      const std::string dsl = DslOf(who);
      const std::string shared = "bg.d." + std::to_string(day);
      At(day, hour + 2, 0, [this, share, dsl, concern, to, shared, k]() -> Status {
        if (!share) {
          JIGSAW_TRY(Decide(dsl, ids_[concern], to, guidance::Risk::kLow,
                            "Support within our service meets the need for now; we will review it in two weeks.", false));
          return Ok();
        }
        ids_[shared] = JIGSAW_TRY(Share(dsl, ids_[concern], to,
                                        k.level == ConcernLevel::kSignificant ? guidance::Risk::kSignificant
                                                                              : guidance::Risk::kLow,
                                        "The child may need help that only they can give; what we hold is relevant."));
        return Ok();
      });
      if (share) {
        At(day + opened_after, opened_after == 0 ? hour + 3 : 10, 30,
           [this, shared, to]() -> Status { return Receive(ids_[shared], to); });
        if (feedback_after >= 0)
          At(day + std::max(feedback_after, opened_after + 1), 15, 0, [this, shared, to, k]() -> Status {
            const bool significant = k.level == ConcernLevel::kSignificant;
            return Feedback(to + ".dsl", ids_[shared],
                            significant ? domain::FeedbackAction::kChildInNeedAssessment
                                        : domain::FeedbackAction::kEarlyHelpOffered,
                            significant ? "Assessment started; the allocated worker will be in touch with you."
                                        : "Family agreed to an early help assessment.");
          });
      }
      if (close)
        At(day + 10 + pick(15), 16, 0, [this, dsl, concern]() -> Status {
          JIGSAW_TRY(app_.case_management().Close(As(dsl), ids_[concern], domain::ConcernOutcome::kResolvedInService,
                                                  "Support in place and the concern has eased."));
          return Ok();
        });
    }
  }
  static std::string Fill(std::string text, const std::string& name) {
    for (std::size_t at; (at = text.find("{}")) != std::string::npos;) text.replace(at, 2, name);
    return text;
  }

  Application& app_;
  FakeClock& clock_;
  const Time start_;
  std::map<std::string, Context> staff_;
  std::map<std::string, std::string> ids_;
  std::vector<Event> events_;
};

}  // namespace

Status LoadDemoCasework(Application& app, FakeClock& clock, Time end) {
  if (end - clock.Now() < kDay * 364)
    return Fail(ErrorCode::kInvalidArgument, "The demo year needs a year before its end.");
  return DemoYear(app, clock).Load(end);
}

}  // namespace jigsaw::app
