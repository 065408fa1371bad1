#include "http/api/case_management_api.h"

#include "common/json_fields.h"
#include "http/api/api.h"
#include "domain/restriction.h"
#include "http/response.h"

namespace jigsaw::http::api {
namespace {

using nlohmann::json;
using namespace domain;

json Stamp(Time t) { return t == Time{} ? json(nullptr) : json(FormatRfc3339(t)); }

template <typename E>
json Names(const std::vector<E>& values) {
  json a = json::array();
  for (E e : values) a.push_back(ToString(e));
  return a;
}

template <typename T, typename Fn>
json Array(const std::vector<T>& values, Fn fn) {
  json a = json::array();
  for (const auto& v : values) a.push_back(fn(v));
  return a;
}

template <typename Parse>
std::optional<Response> ReadBody(const Request& req, Parse parse) {
  auto body = ParseJsonBody(req);
  if (!body) return ErrorResponse(req, body.error());
  Status parsed = parse(JsonFields(body->root()));
  if (!parsed) return ErrorResponse(req, parsed.error());
  return std::nullopt;
}

template <typename T, typename Fn>
Response Reply(const Request& req, const Result<T>& result, int status, Fn render) {
  if (!result) return ErrorResponse(req, result.error());
  return JsonResponse(status, render(*result));
}

// Whom work can be given to: no sign-in names, no settings.
json WorkerJson(const Practitioner& p) {
  json roles = json::array();
  for (auto r : p.roles.List()) roles.push_back(ToString(r));
  return {{"id", p.id}, {"display_name", p.display_name}, {"roles", roles}};
}

json ToJson(const DisclosureTriage& t) {
  return {{"rating", t.rating ? json(ToString(*t.rating)) : json(nullptr)},
          {"rated_by", t.rated_by},
          {"rated_at", Stamp(t.rated_at)},
          {"allocated_to", t.allocated_to},
          {"allocated_by", t.allocated_by},
          {"allocated_at", Stamp(t.allocated_at)}};
}

json ToJson(const service::InboxEntry& e) {
  const Disclosure& d = e.disclosure.disclosure;
  const service::TriageSummary& a = e.about;
  json j = {{"id", d.id},
            {"sharer_organisation_id", d.sharer_organisation_id},
            {"sharer_organisation", e.disclosure.sharer_organisation},
            {"sharer_practitioner", a.sharer_practitioner},
            {"sharer_role", a.sharer_role ? json(ToString(*a.sharer_role)) : json(nullptr)},
            {"recipient_practitioner_id", d.recipient_practitioner_id},
            {"created_at", Stamp(d.created_at)},
            {"received_at", Stamp(d.received_at)},
            {"acknowledgement_due_at", Stamp(d.acknowledgement_due_at)},
            {"feedback_due_at", Stamp(d.feedback_due_at)},
            {"feedback_at", Stamp(d.feedback_at)},
            {"overdue", e.overdue},
            {"child", {{"name", a.child_name}, {"date_of_birth", a.child_date_of_birth}}},
            {"level", a.level ? json(ToString(*a.level)) : json(nullptr)},
            {"forms", Names(a.forms)},
            {"emergency", a.emergency},
            {"family", a.family ? json(ToString(*a.family)) : json(nullptr)},
            {"triage", ToJson(e.marks)},
            {"allocated_to_name", e.allocated_to_name}};
  return j;
}

json ToJson(const service::TriageMarks& m) {
  json j = ToJson(m.marks);
  j["disclosure_id"] = m.marks.disclosure_id;
  j["rated_by_name"] = m.rated_by_name;
  j["allocated_to_name"] = m.allocated_to_name;
  j["allocated_by_name"] = m.allocated_by_name;
  j["may_triage"] = m.may_triage;
  j["workers"] = Array(m.workers, WorkerJson);
  return j;
}

json ToJson(const Concern& c) {
  // A concern a restriction of processing withholds: no level or forms.
  if (c.restricted_since)
    return {{"id", c.id}, {"child_id", c.child_id}, {"status", ToString(c.status)},
            {"created_at", Stamp(c.created_at)},
            {"restricted", {{"notice", domain::RestrictionNotice(*c.restricted_since)}, {"since", Stamp(*c.restricted_since)}}}};
  return {{"id", c.id},          {"child_id", c.child_id},           {"raised_by", c.raised_by},
          {"forms", Names(c.forms)}, {"level", ToString(c.level)},   {"status", ToString(c.status)},
          {"created_at", Stamp(c.created_at)}};
}

json ToJson(const ConcernClosure& c) {
  return {{"id", c.id},
          {"concern_id", c.concern_id},
          {"kind", ToString(c.kind)},
          {"outcome", c.outcome ? json(ToString(*c.outcome)) : json(nullptr)},
          {"note", c.note},
          {"by", c.by},
          {"at", Stamp(c.at)}};
}

json ToJson(const Task& t) {
  return {{"id", t.id},
          {"concern_id", t.concern_id},
          {"child_id", t.child_id},
          {"description", t.description},
          {"owner_id", t.owner_id},
          {"due_on", t.due_on},
          {"status", ToString(t.status)},
          {"created_by", t.created_by},
          {"created_at", Stamp(t.created_at)},
          {"completed_by", t.completed_by},
          {"completed_at", Stamp(t.completed_at)}};
}

json ToJson(const service::TaskView& v) {
  json j = ToJson(v.task);
  j["owner_name"] = v.owner_name;
  j["child_name"] = v.child_name;
  j["overdue"] = v.overdue;
  j["may_view_concern"] = v.may_view_concern;
  j["may_reassign"] = v.may_reassign;
  j["workers"] = Array(v.workers, WorkerJson);
  return j;
}

json ToJson(const ConcernLink& l) {
  return {{"id", l.id},
          {"concern_id", l.concern_id},
          {"related_concern_id", l.related_concern_id},
          {"note", l.note},
          {"created_by", l.created_by},
          {"created_at", Stamp(l.created_at)}};
}

json ToJson(const service::LinkedConcern& l) {
  return {{"link", l.link.id.empty() ? json(nullptr) : ToJson(l.link)},
          {"concern", ToJson(l.concern)},
          {"child_name", l.child_name}};
}

json ToJson(const ChildFlag& f) {
  return {{"id", f.id},
          {"child_id", f.child_id},
          {"kind", ToString(f.kind)},
          {"note", f.note},
          {"started_on", f.started_on},
          {"ended_on", f.ended_on.empty() ? json(nullptr) : json(f.ended_on)},
          {"set_by", f.set_by},
          {"set_at", Stamp(f.set_at)}};
}

json ToJson(const service::ShareMade& s) {
  return {{"decision_id", s.decision.id},
          {"outcome", ToString(s.decision.outcome)},
          {"decided_by", s.decision.decided_by},
          {"decided_by_name", s.decided_by_name},
          {"recipient_organisation_id", s.decision.recipient_organisation_id},
          {"recipient_organisation", s.recipient_organisation},
          {"emergency", s.decision.emergency},
          {"approval", ToString(s.decision.approval)},
          {"created_at", Stamp(s.decision.created_at)},
          {"disclosures", Array(s.disclosures, [](const Disclosure& d) {
             return json{{"id", d.id}, {"created_at", Stamp(d.created_at)}, {"received_at", Stamp(d.received_at)}};
           })}};
}

json ToJson(const service::ConcernCase& c) {
  json closures = json::array();
  for (std::size_t i = 0; i < c.closures.size(); ++i) {
    json j = ToJson(c.closures[i]);
    j["by_name"] = i < c.closure_names.size() ? c.closure_names[i] : "";
    closures.push_back(std::move(j));
  }
  return {{"closures", closures},
          {"tasks", Array(c.tasks, [](const service::TaskView& t) { return ToJson(t); })},
          {"links", Array(c.links, [](const service::LinkedConcern& l) { return ToJson(l); })},
          {"candidates", Array(c.candidates, [](const service::LinkedConcern& l) { return ToJson(l); })},
          {"shares", Array(c.shares, [](const service::ShareMade& s) { return ToJson(s); })},
          {"workers", Array(c.workers, WorkerJson)}};
}

json ToJson(const service::Caseload& c) {
  return {{"open_concerns", Array(c.open, [](const service::OpenConcern& o) {
             json j = ToJson(o.concern);
             j["child_name"] = o.child_name;
             j["open_tasks"] = o.open_tasks;
             j["overdue_tasks"] = o.overdue_tasks;
             return j;
           })},
          {"children", Array(c.children, [](const service::ChildWithConcerns& k) {
             return json{{"id", k.child.id},
                         {"name", k.child.FullName()},
                         {"date_of_birth", k.child.date_of_birth},
                         {"open_concerns", k.open_concerns},
                         {"closed_concerns", k.closed_concerns},
                         {"highest_open_level",
                          k.highest_open_level ? json(ToString(*k.highest_open_level)) : json(nullptr)},
                         {"latest_concern_at", Stamp(k.latest_concern_at)},
                         {"flags", Array(k.flags, [](const ChildFlag& f) { return ToJson(f); })}};
           })}};
}

json ToJson(const service::ChildFlags& f) {
  json flags = json::array();
  for (std::size_t i = 0; i < f.flags.size(); ++i) {
    json j = ToJson(f.flags[i]);
    j["set_by_name"] = i < f.set_by_names.size() ? f.set_by_names[i] : "";
    flags.push_back(std::move(j));
  }
  return {{"flags", flags}, {"may_manage", f.may_manage}};
}

// An optional query parameter naming one value of E.
template <typename E>
Result<std::optional<E>> EnumParam(const Request& req, std::string_view name) {
  const auto text = req.QueryParam(name);
  if (!text || text->empty()) return std::optional<E>();
  auto v = ParseEnum<E>(*text);
  if (!v) return InvalidArgument(std::string(name), "Unknown value for " + std::string(name) + ".");
  return std::optional<E>(*v);
}

void AddTriageRoutes(Router& router, CaseManagementServices s) {
  auto& auth = s.authentication;
  auto* triage = &s.triage;
  using service::Authenticated;
  using service::Context;

  router.Add("GET", "/api/v1/triage", SignedIn(auth, [triage](Request& req, const Authenticated&, const Context& ctx) {
    auto filter = InboxFilterFrom(req);
    if (!filter) return ErrorResponse(req, filter.error());
    return Reply(req, triage->Inbox(ctx, *filter), 200, [](const std::vector<service::InboxEntry>& list) {
      return json{{"disclosures", Array(list, [](const service::InboxEntry& e) { return ToJson(e); })}};
    });
  }));

  router.Add("GET", "/api/v1/disclosures/{id}/triage",
             SignedIn(auth, [triage](Request& req, const Authenticated&, const Context& ctx) {
               return Reply(req, triage->Marks(ctx, std::string(req.PathParam("id"))), 200,
                            [](const service::TriageMarks& m) { return ToJson(m); });
             }));

  router.Add("POST", "/api/v1/disclosures/{id}/rating",
             SignedIn(auth, [triage](Request& req, const Authenticated&, const Context& ctx) {
               RagRating rating{};
               if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
                     JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"rating"}));
                     rating = JIGSAW_TRY(f.Enum<RagRating>("rating"));
                     return Ok();
                   }))
                 return *bad;
               return Reply(req, triage->Rate(ctx, std::string(req.PathParam("id")), rating), 200,
                            [](const DisclosureTriage& t) { return ToJson(t); });
             }));

  router.Add("POST", "/api/v1/disclosures/{id}/allocation",
             SignedIn(auth, [triage](Request& req, const Authenticated&, const Context& ctx) {
               std::string practitioner;
               if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
                     JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"practitioner_id"}));
                     practitioner = JIGSAW_TRY(f.String("practitioner_id"));
                     return Ok();
                   }))
                 return *bad;
               return Reply(req, triage->Allocate(ctx, std::string(req.PathParam("id")), practitioner), 200,
                            [](const DisclosureTriage& t) { return ToJson(t); });
             }));
}

void AddConcernCaseRoutes(Router& router, CaseManagementServices s) {
  auto& auth = s.authentication;
  auto* cases = &s.case_management;
  using service::Authenticated;
  using service::Context;

  router.Add("GET", "/api/v1/caseload", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    service::CaseloadFilter filter;
    auto status = EnumParam<ConcernStatus>(req, "status");
    if (!status) return ErrorResponse(req, status.error());
    auto level = EnumParam<ConcernLevel>(req, "level");
    if (!level) return ErrorResponse(req, level.error());
    filter.status = *status;
    filter.level = *level;
    return Reply(req, cases->CaseloadOf(ctx, filter), 200, [](const service::Caseload& c) { return ToJson(c); });
  }));

  router.Add("GET", "/api/v1/concerns/{id}/case", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, cases->CaseOf(ctx, std::string(req.PathParam("id"))), 200,
                 [](const service::ConcernCase& c) { return ToJson(c); });
  }));

  router.Add("POST", "/api/v1/concerns/{id}/close", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    ConcernOutcome outcome{};
    std::string note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"outcome", "note"}));
          outcome = JIGSAW_TRY(f.Enum<ConcernOutcome>("outcome"));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->Close(ctx, std::string(req.PathParam("id")), outcome, note), 200,
                 [](const Concern& c) { return ToJson(c); });
  }));

  router.Add("POST", "/api/v1/concerns/{id}/reopen", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    std::string note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"note"}));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->Reopen(ctx, std::string(req.PathParam("id")), note), 200,
                 [](const Concern& c) { return ToJson(c); });
  }));

  router.Add("POST", "/api/v1/concern-links", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    std::string concern, related, note;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"concern_id", "related_concern_id", "note"}));
          concern = JIGSAW_TRY(f.String("concern_id"));
          related = JIGSAW_TRY(f.String("related_concern_id"));
          note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->Link(ctx, concern, related, note), 201, [](const ConcernLink& l) { return ToJson(l); });
  }));

  router.Add("DELETE", "/api/v1/concern-links/{id}", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    const Status done = cases->Unlink(ctx, std::string(req.PathParam("id")));
    if (!done) return ErrorResponse(req, done.error());
    return JsonResponse(200, json{{"deleted", true}});
  }));
}

void AddTaskRoutes(Router& router, CaseManagementServices s) {
  auto& auth = s.authentication;
  auto* cases = &s.case_management;
  using service::Authenticated;
  using service::Context;

  router.Add("POST", "/api/v1/tasks", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    service::NewTask t;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"concern_id", "description", "owner_id", "due_on"}));
          t.concern_id = JIGSAW_TRY(f.String("concern_id"));
          t.description = JIGSAW_TRY(f.StringOrEmpty("description"));
          t.owner_id = JIGSAW_TRY(f.StringOrEmpty("owner_id"));
          t.due_on = JIGSAW_TRY(f.StringOrEmpty("due_on"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->AddTask(ctx, t), 201, [](const Task& x) { return ToJson(x); });
  }));

  router.Add("GET", "/api/v1/tasks", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    const std::string whose = req.QueryParam("whose").value_or("mine");
    if (whose != "mine" && whose != "organisation")
      return ErrorResponse(req, Error{ErrorCode::kInvalidArgument, "Use whose=mine or whose=organisation.", "whose"});
    return Reply(req, cases->Tasks(ctx, whose == "mine"), 200, [](const std::vector<service::TaskView>& list) {
      return json{{"tasks", Array(list, [](const service::TaskView& t) { return ToJson(t); })}};
    });
  }));

  router.Add("GET", "/api/v1/tasks/{id}", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, cases->GetTask(ctx, std::string(req.PathParam("id"))), 200,
                 [](const service::TaskView& t) { return ToJson(t); });
  }));

  router.Add("POST", "/api/v1/tasks/{id}/reassign", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    std::string owner, due;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"owner_id", "due_on"}));
          owner = JIGSAW_TRY(f.StringOrEmpty("owner_id"));
          due = JIGSAW_TRY(f.StringOrEmpty("due_on"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->Reassign(ctx, std::string(req.PathParam("id")), owner, due), 200,
                 [](const Task& t) { return ToJson(t); });
  }));

  router.Add("POST", "/api/v1/tasks/{id}/complete", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, cases->Complete(ctx, std::string(req.PathParam("id"))), 200, [](const Task& t) { return ToJson(t); });
  }));
}

void AddFlagRoutes(Router& router, CaseManagementServices s) {
  auto& auth = s.authentication;
  auto* cases = &s.case_management;
  using service::Authenticated;
  using service::Context;

  router.Add("GET", "/api/v1/people/{id}/flags", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    return Reply(req, cases->Flags(ctx, std::string(req.PathParam("id"))), 200,
                 [](const service::ChildFlags& f) { return ToJson(f); });
  }));

  router.Add("POST", "/api/v1/people/{id}/flags", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    service::NewFlag flag;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"kind", "started_on", "note"}));
          flag.kind = JIGSAW_TRY(f.Enum<ChildFlagKind>("kind"));
          flag.started_on = JIGSAW_TRY(f.StringOrEmpty("started_on"));
          flag.note = JIGSAW_TRY(f.StringOrEmpty("note"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->SetFlag(ctx, std::string(req.PathParam("id")), flag), 201,
                 [](const ChildFlag& f) { return ToJson(f); });
  }));

  router.Add("POST", "/api/v1/flags/{id}/end", SignedIn(auth, [cases](Request& req, const Authenticated&, const Context& ctx) {
    std::string ended_on;
    if (auto bad = ReadBody(req, [&](const JsonFields& f) -> Status {
          JIGSAW_RETURN_IF_ERROR(f.OnlyKnown({"ended_on"}));
          ended_on = JIGSAW_TRY(f.String("ended_on"));
          return Ok();
        }))
      return *bad;
    return Reply(req, cases->EndFlag(ctx, std::string(req.PathParam("id")), ended_on), 200,
                 [](const ChildFlag& f) { return ToJson(f); });
  }));
}

}  // namespace

Result<service::InboxFilter> InboxFilterFrom(const Request& req) {
  service::InboxFilter f;
  if (auto v = JIGSAW_TRY(EnumParam<service::InboxSort>(req, "sort"))) f.sort = *v;
  if (auto v = JIGSAW_TRY(EnumParam<service::RatingFilter>(req, "rating"))) f.rating = *v;
  if (auto v = JIGSAW_TRY(EnumParam<service::AllocationFilter>(req, "allocation"))) f.allocation = *v;
  if (auto v = JIGSAW_TRY(EnumParam<service::InboxState>(req, "state"))) f.state = *v;
  f.level = JIGSAW_TRY(EnumParam<ConcernLevel>(req, "level"));
  return f;
}

void AddCaseManagementRoutes(Router& router, CaseManagementServices services) {
  AddTriageRoutes(router, services);
  AddConcernCaseRoutes(router, services);
  AddTaskRoutes(router, services);
  AddFlagRoutes(router, services);
}

}  // namespace jigsaw::http::api
