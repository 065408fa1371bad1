#include "domain/organisation.h"

#include "domain/text.h"

namespace jigsaw::domain {

Status Validate(const Organisation& organisation) {
  return ValidateName("name", organisation.name, 200);
}

}  // namespace jigsaw::domain
