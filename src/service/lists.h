// The lists a practitioner works from (the DSL's queue, the inbox, what was
// sent, owed records, requests and advice), each scoped to what the actor
// may see, run inside a caller's transaction. The single-list use cases and
// the "what needs me" overview share them, so a list means the same thing
// wherever it appears. The caller audits.
#pragma once

#include <vector>

#include "domain/casework.h"
#include "service/context.h"
#include "service/sharing.h"
#include "store/store.h"

namespace jigsaw::service::lists {

// The organisation's concerns not yet actioned: immediate risk first, then
// the longest waiting. kPermissionDenied unless the actor is a DSL.
Result<std::vector<domain::Concern>> SafeguardingQueue(store::Transaction& tx, const access::Actor& actor);

// inbox: disclosures to the actor's organisation that the actor may
// receive (the sharer's record ids removed); else those the actor's
// organisation sent, the actor's own unless they oversee. `filter` narrows
// further (unread_only, without_feedback_only, child_id).
Result<std::vector<DisclosureSummary>> Disclosures(store::Transaction& tx, const access::Actor& actor,
                                                   bool inbox, store::DisclosureQuery filter = {});

// Emergency shares whose full record is still owed: the actor's own, or
// (for a DSL) the organisation's.
Result<std::vector<domain::Decision>> OwedRecords(store::Transaction& tx, const access::Actor& actor);

// received: to the actor's organisation; else the actor's own (or, for a
// DSL, the organisation's).
Result<std::vector<domain::InformationRequest>> InformationRequests(store::Transaction& tx,
                                                                    const access::Actor& actor,
                                                                    bool received, bool open_only = false);

// to_me: addressed to a role the actor holds; else asked by the actor.
Result<std::vector<domain::AdviceRequest>> AdviceRequests(store::Transaction& tx, const access::Actor& actor,
                                                          bool to_me, bool unanswered_only = false);

// The organisation's practitioners and DSLs who are not disabled: those
// who can be given casework. Not authorised here: the caller has already
// authorised the action the list is for.
Result<std::vector<domain::Practitioner>> Caseworkers(store::Transaction& tx, const std::string& organisation_id);

// The open tasks the actor owns, soonest due first.
Result<std::vector<domain::Task>> MyTasks(store::Transaction& tx, const access::Actor& actor);

// Disclosures to the actor's organisation allocated to the actor and
// still without feedback.
Result<std::vector<DisclosureSummary>> AllocatedToMe(store::Transaction& tx, const access::Actor& actor);

}  // namespace jigsaw::service::lists
