// `jigsaw link FILE.csv`: record linkage over a file, with the fixed
// contract in docs/linkage.md. The options arrive as the text given on the
// command line; this file checks them.
#pragma once

#include <iosfwd>
#include <string>

namespace jigsaw::app {

struct LinkArguments {
  std::string file;        // a path, or "-" for standard input
  std::string pairs;       // where to write scored pairs; empty: nowhere
  std::string floor;       // least probability of a pair written; empty: 0.5
  std::string threshold;   // probability at which two records are one person; empty: 0.9
  std::string model;       // a trained model to use instead of training; empty: train
  std::string save_model;  // where to write the trained model; empty: nowhere
  std::string threads;     // empty: one per core
};

// Writes record_id,cluster_id for every record read to `out`, and reports
// bad rows (line and field), what training did and a summary to `err`.
// Returns 0 when it linked (even if rows were reported), 2 when the
// arguments, the file's header or the model cannot be used, 1 when an
// output file cannot be written.
int RunLink(const LinkArguments& arguments, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace jigsaw::app
