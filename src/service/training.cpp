#include "service/training.h"

#include "access/policy.h"
#include "common/random.h"
#include "domain/case_management.h"
#include "service/workflow.h"
#include "store/training_repository.h"

namespace jigsaw::service {

using access::Action;
using access::RecordFacts;
using domain::TrainingKind;
using domain::TrainingState;

namespace {

constexpr TrainingKind kAllKinds[] = {TrainingKind::kInformationSharing, TrainingKind::kDataProtection,
                                      TrainingKind::kSafeguarding};

RecordFacts About(const domain::Practitioner& p) { return RecordFacts{p.organisation_id, p.id, {}, {}, {}}; }

// The practitioner, or kNotFound (the same for anyone outside the actor's
// organisation, so an id reveals nothing).
Result<domain::Practitioner> LoadPractitioner(store::Transaction& tx, const std::string& id) {
  auto p = JIGSAW_TRY(tx.practitioners().Find(id));
  if (!p) return NotYours("practitioner_id");
  return *p;
}

}  // namespace

std::vector<TrainingStatus> StatusOf(const std::vector<TrainingKind>& kinds,
                                     const std::map<TrainingKind, std::string>& latest, const std::string& today) {
  std::vector<TrainingStatus> out;
  for (const TrainingKind kind : kinds) {
    const auto it = latest.find(kind);
    const std::string expiry = it == latest.end() ? std::string() : it->second;
    out.push_back(TrainingStatus{kind, domain::StateOf(expiry, today), expiry});
  }
  return out;
}

Result<std::vector<TrainingStatus>> TrainingDue(store::Transaction& tx, const access::Actor& actor,
                                                const std::string& today) {
  std::vector<TrainingStatus> due;
  if (actor.practitioner_id.empty()) return due;
  auto latest = JIGSAW_TRY(tx.training().LatestExpiries({actor.practitioner_id}));
  for (auto& s : StatusOf(domain::RequiredTrainingKinds(actor.roles), latest[actor.practitioner_id], today))
    if (s.state == TrainingState::kLapsed || s.state == TrainingState::kNone) due.push_back(std::move(s));
  return due;
}

std::string Training::Today() const { return domain::UkDate(clock_.Now()); }

Result<domain::TrainingRecord> Training::Record(const Context& context, NewTraining in) {
  if (in.practitioner_id.empty()) in.practitioner_id = context.actor.practitioner_id;
  const Time now = clock_.Now();
  domain::TrainingRecord t{.id = NewId(), .practitioner_id = in.practitioner_id, .organisation_id = {},
                           .kind = in.kind, .course = in.course, .completed_on = in.completed_on,
                           .expires_on = in.expires_on, .recorded_by = context.actor.practitioner_id,
                           .recorded_at = now};
  domain::Tidy(t);
  AuditEvent event{"training.record", "practitioner", in.practitioner_id};
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    const auto p = JIGSAW_TRY(LoadPractitioner(tx, t.practitioner_id));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kRecordTraining, About(p)));
    // Checked once the person may record it, so that a refusal is audited
    // as one; a bad field rolls back before anything is written.
    JIGSAW_RETURN_IF_ERROR(domain::Validate(t, domain::UkDate(now)));
    t.organisation_id = p.organisation_id;
    return tx.training().Insert(t);
  }));
  return t;
}

Result<PractitionerTraining> Training::Of(const Context& context, const std::string& practitioner_id) {
  const std::string id = practitioner_id.empty() ? context.actor.practitioner_id : practitioner_id;
  AuditEvent event{"training.view", "practitioner", id};
  PractitionerTraining out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    out.practitioner = JIGSAW_TRY(LoadPractitioner(tx, id));
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewTraining, About(out.practitioner)));
    out.records = JIGSAW_TRY(tx.training().Of(id));
    std::map<TrainingKind, std::string> latest;
    for (const auto& r : out.records)
      if (latest[r.kind] < r.expires_on) latest[r.kind] = r.expires_on;
    std::erase_if(latest, [](const auto& kv) { return kv.second.empty(); });
    out.status = StatusOf({std::begin(kAllKinds), std::end(kAllKinds)}, latest, today);
    std::map<std::string, std::string> names;
    for (const auto& r : out.records) {
      if (!names.contains(r.recorded_by)) {
        const auto by = JIGSAW_TRY(tx.practitioners().Find(r.recorded_by));
        names[r.recorded_by] = by ? by->display_name : std::string("Someone no longer here");
      }
      out.recorded_by_names.push_back(names[r.recorded_by]);
    }
    return Ok();
  }));
  return out;
}

Result<StaffTraining> Training::StaffOf(const Context& context) {
  const std::string& organisation_id = context.actor.organisation_id;
  AuditEvent event{"training.staff.view", "organisation", organisation_id};
  StaffTraining out;
  const std::string today = Today();
  JIGSAW_RETURN_IF_ERROR(Audited(store_, trail_, context, event, [&](store::Transaction& tx) -> Status {
    JIGSAW_RETURN_IF_ERROR(access::Authorise(context.actor, Action::kViewStaffTraining, organisation_id));
    const auto staff = JIGSAW_TRY(tx.practitioners().List(organisation_id));
    std::vector<std::string> ids;
    for (const auto& p : staff)
      if (!p.disabled) ids.push_back(p.id);
    auto latest = JIGSAW_TRY(tx.training().LatestExpiries(ids));
    for (const auto& p : staff) {
      if (p.disabled) continue;
      StaffMemberTraining member{p.id, p.display_name,
                                 StatusOf({std::begin(kAllKinds), std::end(kAllKinds)}, latest[p.id], today)};
      for (const auto& s : member.status) ++out.counts[s.kind][s.state];
      out.staff.push_back(std::move(member));
    }
    return Ok();
  }));
  return out;
}

}  // namespace jigsaw::service
