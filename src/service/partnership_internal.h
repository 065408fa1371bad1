// Internal to the partnership use cases: how index entries are made and
// matched (partnership_index.cpp), shared with partnership.cpp and tests.
#pragma once

#include <string>
#include <vector>

#include "domain/partnership.h"
#include "domain/person.h"
#include "domain/practitioner.h"
#include "store/store.h"

namespace jigsaw::service::partnership {

// "BF1 2AB|12": the postcode and the house (the first word of the address
// with a digit in it, else its first word); empty without both.
std::string AddressKey(const std::string& postcode, const std::string& address);
// The digits of a UK phone number in national form ("+44 7700 900123" is
// "07700900123"); empty if fewer than ten digits.
std::string PhoneKey(const std::string& phone);
// The person's index entry: identifying fields for children and adults
// recorded as posing a risk, address and phone keys for everyone.
domain::IndexEntry EntryOf(const domain::Person& person, Time now);
// Other entries of the same kind that are the same person at or above
// kSamePersonProbability, outside `exclude_organisation_id` if not empty.
Result<std::vector<domain::IndexEntry>> SamePerson(store::Transaction& tx, const domain::IndexEntry& entry,
                                                   const std::string& exclude_organisation_id);
// The organisation's designated safeguarding leads who can sign in.
Result<std::vector<domain::Practitioner>> DslsOf(store::Transaction& tx, const std::string& organisation_id);

}  // namespace jigsaw::service::partnership
