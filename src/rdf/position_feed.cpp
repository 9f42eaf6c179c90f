#include "rdf/position_feed.hpp"

namespace cae::rdf::detail {

TriplePos PositionFeed::next(TermKind s, TermKind p, TermKind o) {
  object_is_number_ = false;
  if (!lost_ && used_ < scanned_.size()) {
    const ScannedStatement& scanned = scanned_[used_++];
    if (scanned.s.kind == s && scanned.p.kind == p && scanned.o.kind == o) {
      object_is_number_ = scanned.o.number;
      return TriplePos{scanned.s.where, scanned.p.where, scanned.o.where};
    }
  }
  lost_ = true;
  return file_only();
}

TriplePos PositionFeed::file_only() const {
  const Location file{file_, 0, 0};
  return TriplePos{file, file, file};
}

}  // namespace cae::rdf::detail
