// A year of fictional casework for the demo partnership, so that the run
// command opens on a partnership where the jigsaw can be seen: concerns
// raised and closed, decisions to share and not to share, an emergency
// share recorded in full afterwards, information requests answered, refused
// and left overdue, advice asked and given, feedback that closes the loop
// and feedback still owed; the same children recorded differently by
// different agencies (and matched), and one adult around children known to
// three agencies (a risk alert for children's services). Everything is made
// through the services, as a practitioner would make it, with the clock
// moved through the year; nothing is written around them.
#pragma once

#include "app/application.h"
#include "common/clock.h"
#include "common/result.h"

namespace jigsaw::app {

// After LoadDemoPartnership and LoadDemoGovernance, on the application
// whose clock is `clock`. Moves `clock` from where it stands (a year before
// `end`) to `end`; fails if `end` is less than a year ahead of it.
Status LoadDemoCasework(Application& app, FakeClock& clock, Time end);

}  // namespace jigsaw::app
