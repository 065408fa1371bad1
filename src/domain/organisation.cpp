#include "domain/organisation.h"

#include "domain/text.h"

namespace jigsaw::domain {

StaffShares DefaultStaffShares(OrganisationType type) {
  return type == OrganisationType::kSchool || type == OrganisationType::kCollege ? StaffShares::kThroughDsl
                                                                                 : StaffShares::kDirect;
}

Status Validate(const Organisation& organisation) {
  return ValidateName("name", organisation.name, 200);
}

}  // namespace jigsaw::domain
