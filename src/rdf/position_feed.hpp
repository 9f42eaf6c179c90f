// Hands the scanned positions (positions.hpp) to the loader in Serd's statement order, checking
// each against the statement Serd actually reports. Internal to src/rdf.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "rdf/positions.hpp"
#include "rdf/term.hpp"

namespace cae::rdf::detail {

class PositionFeed {
 public:
  PositionFeed(std::vector<ScannedStatement> scanned, std::uint32_t file)
      : scanned_{std::move(scanned)}, file_{file} {}

  // The position of Serd's next statement, whose terms are of the given kinds. From the first
  // statement whose kinds differ from the scan's, or that the scan lacks, the scan and Serd
  // have parted ways: that position and all later ones name the file only, never a wrong line.
  TriplePos next(TermKind s, TermKind p, TermKind o);

  // True when every statement Serd reported had its scanned position and the scan has none
  // left over, which is the proof that the scan followed Serd through the whole text.
  [[nodiscard]] bool complete() const { return !lost_ && used_ == scanned_.size(); }

  [[nodiscard]] TriplePos file_only() const;

  // Whether the object of the statement last handed out is written as a bare number.
  [[nodiscard]] bool object_is_number() const { return object_is_number_; }

 private:
  std::vector<ScannedStatement> scanned_;
  std::uint32_t file_;
  std::size_t used_ = 0;
  bool lost_ = false;
  bool object_is_number_ = false;
};

}  // namespace cae::rdf::detail
