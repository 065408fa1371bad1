#include "redaction/internal/aho_corasick.h"

#include <deque>

namespace jigsaw::redaction::internal {

std::size_t AhoCorasick::Add(std::string_view pattern) {
  pending_.emplace_back(pattern);
  return patterns_++;
}

void AhoCorasick::Build() {
  class_of_.fill(0);
  classes_ = 1;
  for (const auto& p : pending_)
    for (unsigned char c : p)
      if (class_of_[c] == 0) class_of_[c] = static_cast<std::uint16_t>(classes_++);
  // The trie, with kNone for missing edges; state 0 is the root.
  constexpr std::uint32_t kNone = UINT32_MAX;
  std::vector<std::uint32_t> trie(classes_, kNone);
  outputs_.assign(1, {});
  for (std::uint32_t id = 0; id < pending_.size(); ++id) {
    std::uint32_t state = 0;
    for (unsigned char c : pending_[id]) {
      const std::size_t at = static_cast<std::size_t>(state) * classes_ + class_of_[c];
      if (trie[at] == kNone) {
        trie[at] = static_cast<std::uint32_t>(outputs_.size());
        outputs_.emplace_back();
        trie.resize(trie.size() + classes_, kNone);
      }
      state = trie[at];
    }
    outputs_[state].push_back(id);
  }
  // Breadth first: failure links, then complete the transition function.
  const std::size_t states = outputs_.size();
  std::vector<std::uint32_t> fail(states, 0);
  output_link_.assign(states, 0);
  delta_ = std::move(trie);
  std::deque<std::uint32_t> queue;
  for (std::uint32_t c = 0; c < classes_; ++c) {
    std::uint32_t& next = delta_[c];
    if (next == kNone) {
      next = 0;
    } else {
      fail[next] = 0;
      queue.push_back(next);
    }
  }
  while (!queue.empty()) {
    const std::uint32_t s = queue.front();
    queue.pop_front();
    output_link_[s] = outputs_[fail[s]].empty() ? output_link_[fail[s]] : fail[s];
    for (std::uint32_t c = 0; c < classes_; ++c) {
      std::uint32_t& next = delta_[static_cast<std::size_t>(s) * classes_ + c];
      if (next == kNone) {
        next = delta_[static_cast<std::size_t>(fail[s]) * classes_ + c];
      } else {
        fail[next] = delta_[static_cast<std::size_t>(fail[s]) * classes_ + c];
        queue.push_back(next);
      }
    }
  }
  pending_.clear();
  pending_.shrink_to_fit();
}

std::vector<AhoCorasick::Hit> AhoCorasick::FindAll(std::string_view text) const {
  std::vector<Hit> hits;
  if (patterns_ == 0) return hits;
  std::uint32_t state = 0;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    state = Goto(state, class_of_[static_cast<unsigned char>(text[i])]);
    for (std::uint32_t s = state; s != 0; s = output_link_[s])
      for (std::uint32_t id : outputs_[s]) hits.push_back({id, i + 1});
  }
  return hits;
}

}  // namespace jigsaw::redaction::internal
