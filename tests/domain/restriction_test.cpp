// Restriction and objection as plain values (domain/restriction.h): the
// notice practitioners see names the UK date the restriction was placed
// (British Summer Time included) and nothing else; a withheld person shows
// the notice for a name; objections and decisions are checked field by field.
#include "domain/restriction.h"

#include <gtest/gtest.h>

#include "domain/person.h"

namespace jigsaw::domain {
namespace {

Time At(std::string_view rfc3339) { return *ParseRfc3339(rfc3339); }

TEST(RestrictionNoticeTest, NamesTheUkDateItWasPlacedAndNoReason) {
  EXPECT_EQ(RestrictionNotice(At("2026-12-01T10:00:00Z")),
            "Records restricted by the data protection officer on 1 December 2026");
  // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
  EXPECT_EQ(RestrictionNotice(At("2026-06-30T23:30:00Z")),
            "Records restricted by the data protection officer on 1 July 2026");
}

TEST(RestrictionNoticeTest, AWithheldPersonShowsTheNoticeForAName) {
  Person p;
  p.given_name = "Ada";
  p.family_name = "Elm";
  EXPECT_EQ(p.FullName(), "Ada Elm");
  p.restricted_since = At("2026-12-01T10:00:00Z");
  EXPECT_EQ(p.FullName(), "Records restricted by the data protection officer on 1 December 2026");
}

TEST(RestrictionValidationTest, EachProblemNamesItsField) {
  Restriction r{.person_id = "p1", .reason = " . "};
  EXPECT_EQ(Validate(r).error().field, "reason");
  r.reason = "Accuracy contested.";
  EXPECT_TRUE(Validate(r));
  r.person_id.clear();
  EXPECT_EQ(Validate(r).error().field, "person_id");

  Objection o{.person_id = "p1", .received_on = "2026-11-20", .grounds = "Do not share."};
  EXPECT_TRUE(Validate(o, "2026-12-01"));
  EXPECT_EQ(Validate(o, "2026-11-19").error().field, "received_on") << "not after today";
  o.received_on = "2026-02-30";
  EXPECT_EQ(Validate(o, "2026-12-01").error().field, "received_on");
  o.received_on = "2026-11-20";
  o.objector = Objector::kOnTheirBehalf;
  EXPECT_EQ(Validate(o, "2026-12-01").error().field, "objector_name");
  o.objector = Objector::kPerson;
  o.objector_name = "Someone";
  EXPECT_EQ(Validate(o, "2026-12-01").error().field, "objector_name");
  o.objector_name.clear();
  o.grounds = "";
  EXPECT_EQ(Validate(o, "2026-12-01").error().field, "grounds");

  Objection d{.decision = ObjectionDecision::kAwaiting, .decision_reason = "Because."};
  EXPECT_EQ(ValidateDecision(d).error().field, "decision");
  d.decision = ObjectionDecision::kNotUpheld;
  d.decision_reason = "";
  EXPECT_EQ(ValidateDecision(d).error().field, "decision_reason");
  d.decision_reason = "Safeguarding the child overrides it.";
  EXPECT_TRUE(ValidateDecision(d));
}

}  // namespace
}  // namespace jigsaw::domain
