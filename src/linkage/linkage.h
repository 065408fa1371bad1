// Record linkage: recognising one person in records kept by different
// organisations, with the reasons for every match. Pure: no I/O, no clock;
// randomness comes from a seed. docs/linkage.md describes the model.
//
//   RecordSet records(batch);                      // fold and key once
//   Model model = Train(records, {.threads = 2});  // u, m, s, frequencies
//   LinkResult people = Link(model, records);      // clusters, pairs
//   Index index(model);  index.Add(r) ... index.Build();
//   index.Candidates(new_record, 0.5);             // scored, explained
//   std::string text = model.Serialise();          // Model::Parse(text)
#pragma once

#include "linkage/cluster.h"
#include "linkage/comparison.h"
#include "linkage/index.h"
#include "linkage/link.h"
#include "linkage/model.h"
#include "linkage/record.h"
#include "linkage/record_set.h"
#include "linkage/records_csv.h"
#include "linkage/training.h"
