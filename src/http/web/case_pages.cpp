// A DSL's case management on the page: the caseload (open concerns and
// the children with concerns), the concern's case section (closing with
// an outcome or reopening, tasks, related concerns, every share made from
// it and by whom), a task's own page for its owner, and the flags on a
// child's record. The services decide who may do what; these pages show
// only the forms the visitor may use.
#include "http/web/labels.h"
#include "http/web/pages.h"

namespace jigsaw::http::web {
namespace {

bool IsDsl(const Visit& v) { return v.who.actor.roles.Has(domain::Role::kDesignatedSafeguardingLead); }

std::vector<Option> WorkerOptions(const std::vector<domain::Practitioner>& workers) {
  std::vector<Option> out = {{"", "Choose someone", "", false}};
  for (const auto& p : workers) out.push_back({p.id, p.display_name, "", false});
  return out;
}

std::string TaskRows(const std::vector<service::TaskView>& tasks) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& t : tasks)
    rows.push_back({Link(t.task.description, "/tasks/" + t.task.id), Escape(t.owner_name),
                    Escape(DisplayIsoDate(t.task.due_on)) + (t.overdue ? " " + Tag("Overdue", Colour::kRed) : std::string()),
                    t.task.status == domain::TaskStatus::kDone ? Tag("Done", Colour::kGreen) : Tag("Open", Colour::kBlue)});
  return rows.empty() ? "<p class=\"govuk-body\">No tasks yet.</p>" : Table("", {"Task", "Owner", "Due", "Status"}, rows);
}

std::string ClosureHtml(const domain::Concern& c, const service::ConcernCase& k, const std::string& csrf) {
  std::string out;
  for (std::size_t i = 0; i < k.closures.size(); ++i) {
    const auto& x = k.closures[i];
    const std::string who = i < k.closure_names.size() ? k.closure_names[i] : "";
    out += "<p class=\"govuk-body\">" +
           Escape(std::string(x.kind == domain::ClosureKind::kClosed ? "Closed" : "Reopened") + " by " + who + ", " +
                  DisplayTime(x.at)) +
           (x.outcome ? ": " + Escape(Label(*x.outcome)) : std::string()) + (x.note.empty() ? "" : ". " + Escape(x.note)) +
           "</p>";
  }
  if (c.status == domain::ConcernStatus::kClosed)
    return out + FormStart("/concerns/" + c.id + "/reopen", csrf) +
           Textarea({"note", "Why reopen it?", "", false, ""}, "", 2) + Button("Reopen the concern", true) +
           "</form>";
  return out + "<p class=\"govuk-body\">This concern is open until you close it with an outcome.</p>" +
         FormStart("/concerns/" + c.id + "/close", csrf) +
         Select({"outcome", "Outcome", "", false, ""}, [] {
           std::vector<Option> o = {{"", "Choose an outcome", "", false}};
           for (auto& x : OptionsOf<domain::ConcernOutcome>()) o.push_back(x);
           return o;
         }(), "") +
         Textarea({"note", "Why it can be closed", "", false, ""}, "", 2) + Button("Close the concern", true) + "</form>";
}

std::string SharesHtml(const service::ConcernCase& k) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : k.shares) {
    const bool shared = s.decision.outcome == domain::DecisionOutcome::kShare;
    std::string sent = s.disclosures.empty() ? std::string("Nothing sent") : std::string();
    for (const auto& d : s.disclosures) sent += (sent.empty() ? "" : ", ") + Link("Sent " + DisplayTime(d.created_at), "/disclosures/" + d.id);
    rows.push_back({Link(shared ? "Share" : "Not shared", "/decisions/" + s.decision.id), Escape(s.recipient_organisation),
                    Escape(s.decided_by_name), Escape(DisplayTime(s.decision.created_at)), sent});
  }
  return rows.empty() ? "<p class=\"govuk-body\">No decision to share has been made from this concern.</p>"
                      : Table("", {"Decision", "With", "By", "When", "What was sent"}, rows);
}

std::string LinksHtml(const domain::Concern& c, const service::ConcernCase& k, const std::string& csrf) {
  std::string out;
  for (const auto& l : k.links)
    out += "<p class=\"govuk-body\">" + Link(l.child_name + ", " + std::string(Label(l.concern.level)) + ", " + DisplayTime(l.concern.created_at),
                                            "/concerns/" + l.concern.id) +
           (l.link.note.empty() ? "" : ": " + Escape(l.link.note)) + "</p>" + FormStart("/concern-links/" + l.link.id + "/delete", csrf) +
           HiddenInput("concern_id", c.id) + Button("Unlink", true) + "</form>";
  if (k.links.empty()) out += "<p class=\"govuk-body\">No related concerns linked.</p>";
  if (k.candidates.empty()) return out;
  std::vector<Option> options = {{"", "Choose a concern", "", false}};
  for (const auto& l : k.candidates)
    options.push_back({l.concern.id, l.child_name + ", " + std::string(Label(l.concern.level)) + ", " + DisplayTime(l.concern.created_at), "", false});
  return out + FormStart("/concerns/" + c.id + "/links", csrf) + Select({"related_concern_id", "Link a related concern", "", false, ""}, options, "") +
         TextInput({"note", "Why they are related (optional)", "", false, ""}, "") + Button("Link", true) + "</form>";
}

}  // namespace

Result<std::string> CaseHtml(Site& site, Visit& v, const domain::Concern& c) {
  if (!IsDsl(v) || c.organisation_id != v.who.actor.organisation_id) return std::string();
  auto k = site.s.case_management.CaseOf(v.context, c.id);
  if (!k) return std::unexpected(k.error());
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"case\">Case management</h2>";
  out += ClosureHtml(c, *k, v.csrf_token);
  out += "<h3 class=\"govuk-heading-s\">Tasks</h3>" + TaskRows(k->tasks);
  if (c.status != domain::ConcernStatus::kClosed)
    out += FormStart("/concerns/" + c.id + "/tasks", v.csrf_token) +
           TextInput({"description", "New task", "What is to be done", false, ""}, "") +
           Select({"owner_id", "Who will do it", "", false, ""}, WorkerOptions(k->workers), "") +
           DateInput({"due_on", "Due by", "For example, 27 3 2027", false, ""}, "", "", "") + Button("Add the task", true) +
           "</form>";
  out += "<h3 class=\"govuk-heading-s\">Related concerns</h3>" + LinksHtml(c, *k, v.csrf_token);
  out += "<h3 class=\"govuk-heading-s\">Shares made from this concern</h3>" + SharesHtml(*k);
  return out;
}

Result<std::string> FlagsHtml(Site& site, Visit& v, const std::string& child_id) {
  auto flags = site.s.case_management.Flags(v.context, child_id);
  if (!flags) return std::unexpected(flags.error());
  const Time now = site.s.clock.Now();
  std::string out = "<h2 class=\"govuk-heading-m\" id=\"flags\">Flags</h2>";
  std::string current;
  for (std::size_t i = 0; i < flags->flags.size(); ++i) {
    const auto& f = flags->flags[i];
    if (!domain::IsCurrent(f, now)) continue;
    current += "<li>" + Tag(Label(f.kind), Colour::kPurple) + " since " + Escape(DisplayIsoDate(f.started_on)) +
               (f.note.empty() ? "" : ": " + Escape(f.note));
    if (flags->may_manage)
      current += FormStart("/flags/" + f.id + "/end", v.csrf_token) + HiddenInput("child_id", child_id) + Button("End this flag today", true) + "</form>";
    current += "</li>";
  }
  out += current.empty() ? "<p class=\"govuk-body\">No flags.</p>" : "<ul class=\"govuk-list\">" + current + "</ul>";
  if (flags->may_manage)
    out += FormStart("/children/" + child_id + "/flags", v.csrf_token) +
           Select({"kind", "Add a flag", "", false, ""}, OptionsOf<domain::ChildFlagKind>(), "") +
           DateInput({"started_on", "Since", "For example, 27 3 2026", false, ""}, "", "", "") +
           TextInput({"note", "Note (optional)", "", false, ""}, "") + Button("Add the flag", true) + "</form>";
  return out;
}

namespace {

Response Caseload(Site& site, Visit& v) {
  auto load = site.s.case_management.CaseloadOf(v.context, {});
  if (!load) return site.Failure(v, load.error());
  std::string body = "<h1 class=\"govuk-heading-l\">Caseload</h1><h2 class=\"govuk-heading-m\">Open concerns</h2>";
  std::vector<std::vector<std::string>> rows;
  for (const auto& o : load->open)
    rows.push_back({Link(o.child_name.empty() ? "A child" : o.child_name, "/concerns/" + o.concern.id),
                    o.concern.restricted_since ? Tag("Restricted", Colour::kGrey) : Escape(Label(o.concern.level)),
                    Escape(DisplayTime(o.concern.created_at)),
                    std::to_string(o.open_tasks) + (o.overdue_tasks ? " " + Tag(std::to_string(o.overdue_tasks) + " overdue", Colour::kRed) : "")});
  body += rows.empty() ? "<p class=\"govuk-body\">Your organisation has no open concerns.</p>"
                       : Table("", {"Child", "Level", "Raised", "Open tasks"}, rows);
  body += "<h2 class=\"govuk-heading-m\">Children with concerns</h2>";
  rows.clear();
  for (const auto& k : load->children) {
    std::string flags;
    for (const auto& f : k.flags) flags += Tag(Label(f.kind), Colour::kPurple) + " ";
    rows.push_back({Link(k.child.FullName(), "/children/" + k.child.id), std::to_string(k.open_concerns),
                    std::to_string(k.closed_concerns), flags});
  }
  body += rows.empty() ? "<p class=\"govuk-body\">No child has a concern recorded.</p>"
                       : Table("", {"Child", "Open", "Closed", "Flags"}, rows);
  return site.Page(v, {.title = "Caseload", .body_html = body, .back_href = "/"});
}

Response TaskPage(Site& site, Visit& v) {
  auto t = site.s.case_management.GetTask(v.context, std::string(v.request.PathParam("id")));
  if (!t) return site.Failure(v, t.error());
  const auto& task = t->task;
  std::string body = "<span class=\"govuk-caption-l\">Task</span><h1 class=\"govuk-heading-l\">" + Escape(task.description) + "</h1>";
  std::vector<SummaryRow> rows = {
      {"Child", Escape(t->child_name), "", ""},
      {"Owner", Escape(t->owner_name), "", ""},
      {"Due by", Escape(DisplayIsoDate(task.due_on)) + (t->overdue ? " " + Tag("Overdue", Colour::kRed) : std::string()), "", ""},
      {"Status", task.status == domain::TaskStatus::kDone ? "Done " + Escape(DisplayTime(task.completed_at)) : std::string("Open"), "", ""}};
  body += SummaryList(rows);
  if (t->may_view_concern) body += "<p class=\"govuk-body\">" + Link("See the concern", "/concerns/" + task.concern_id) + "</p>";
  if (task.status == domain::TaskStatus::kOpen)
    body += FormStart("/tasks/" + task.id + "/complete", v.csrf_token) + Button("Mark as done") + "</form>";
  if (t->may_reassign && task.status == domain::TaskStatus::kOpen)
    body += FormStart("/tasks/" + task.id + "/reassign", v.csrf_token) +
            Select({"owner_id", "Give it to", "", false, ""}, WorkerOptions(t->workers), task.owner_id) +
            DateInput({"due_on", "Due by", "", false, ""}, task.due_on.substr(8, 2), task.due_on.substr(5, 2), task.due_on.substr(0, 4)) +
            Button("Reassign", true) + "</form>";
  return site.Page(v, {.title = "Task", .body_html = body, .back_href = "/"});
}

// A failed change: its message on the concern's page would need the
// page's state; the service's own words on an error page are clearer.
Response Done(Site& site, Visit& v, const Status& status, std::string next) {
  if (!status) return site.Failure(v, status.error());
  return Redirect(std::move(next));
}

}  // namespace

void AddCasePages(Site& site) {
  site.Get("/caseload", [&site](Visit& v) { return Caseload(site, v); });
  site.Get("/tasks/{id}", [&site](Visit& v) { return TaskPage(site, v); });
  site.Post("/tasks/{id}/complete", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto done = site.s.case_management.Complete(v.context, id);
    return Done(site, v, done ? Ok() : Status(std::unexpected(done.error())), "/tasks/" + id);
  });
  site.Post("/tasks/{id}/reassign", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto moved = site.s.case_management.Reassign(v.context, id, v.form.Get("owner_id"), IsoDate(v.form, "due_on"));
    return Done(site, v, moved ? Ok() : Status(std::unexpected(moved.error())), "/tasks/" + id);
  });
  site.Post("/concerns/{id}/close", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto outcome = ParseEnum<domain::ConcernOutcome>(v.form.Get("outcome"));
    if (!outcome) return site.Failure(v, Error{ErrorCode::kInvalidArgument, "Choose an outcome to close the concern.", "outcome"});
    auto closed = site.s.case_management.Close(v.context, id, *outcome, v.form.Get("note"));
    return Done(site, v, closed ? Ok() : Status(std::unexpected(closed.error())), "/concerns/" + id);
  });
  site.Post("/concerns/{id}/reopen", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto opened = site.s.case_management.Reopen(v.context, id, v.form.Get("note"));
    return Done(site, v, opened ? Ok() : Status(std::unexpected(opened.error())), "/concerns/" + id);
  });
  site.Post("/concerns/{id}/tasks", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto added = site.s.case_management.AddTask(
        v.context, {.concern_id = id, .description = v.form.Get("description"), .owner_id = v.form.Get("owner_id"),
                    .due_on = IsoDate(v.form, "due_on")});
    return Done(site, v, added ? Ok() : Status(std::unexpected(added.error())), "/concerns/" + id);
  });
  site.Post("/concerns/{id}/links", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto linked = site.s.case_management.Link(v.context, id, v.form.Get("related_concern_id"), v.form.Get("note"));
    return Done(site, v, linked ? Ok() : Status(std::unexpected(linked.error())), "/concerns/" + id);
  });
  site.Post("/concern-links/{id}/delete", [&site](Visit& v) {
    const Status gone = site.s.case_management.Unlink(v.context, std::string(v.request.PathParam("id")));
    const std::string back = v.form.Get("concern_id");
    return Done(site, v, gone, IsLocalAddress("/concerns/" + back) && !back.empty() ? "/concerns/" + back : "/caseload");
  });
  site.Post("/children/{id}/flags", [&site](Visit& v) {
    const std::string id(v.request.PathParam("id"));
    auto kind = ParseEnum<domain::ChildFlagKind>(v.form.Get("kind"));
    if (!kind) return site.Failure(v, Error{ErrorCode::kInvalidArgument, "Choose a flag.", "kind"});
    auto set = site.s.case_management.SetFlag(v.context, id, {.kind = *kind, .started_on = IsoDate(v.form, "started_on"), .note = v.form.Get("note")});
    return Done(site, v, set ? Ok() : Status(std::unexpected(set.error())), "/children/" + id);
  });
  site.Post("/flags/{id}/end", [&site](Visit& v) {
    const std::string child = v.form.Get("child_id");
    auto ended = site.s.case_management.EndFlag(v.context, std::string(v.request.PathParam("id")), domain::UkDate(site.s.clock.Now()));
    return Done(site, v, ended ? Ok() : Status(std::unexpected(ended.error())),
                IsLocalAddress("/children/" + child) && !child.empty() ? "/children/" + child : "/");
  });
}

}  // namespace jigsaw::http::web
