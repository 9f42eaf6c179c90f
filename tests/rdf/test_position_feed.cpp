// The loader's check of scanned positions against Serd's statements (rdf/position_feed.hpp).
#include <doctest/doctest.h>

#include "rdf/position_feed.hpp"

using namespace cae;
using namespace cae::rdf;
using detail::PositionFeed;

namespace {

ScannedStatement at_line(std::uint32_t line, TermKind object) {
  const Location where{7, line, 1};
  return ScannedStatement{{where, TermKind::iri}, {where, TermKind::iri}, {where, object}};
}

constexpr Location file_only{7, 0, 0};

}  // namespace

TEST_CASE("positions are handed out in order while the kinds agree") {
  PositionFeed feed{{at_line(1, TermKind::literal), at_line(2, TermKind::blank)}, 7};
  CHECK(feed.next(TermKind::iri, TermKind::iri, TermKind::literal).o == Location{7, 1, 1});
  CHECK_FALSE(feed.complete());
  CHECK(feed.next(TermKind::iri, TermKind::iri, TermKind::blank).s == Location{7, 2, 1});
  CHECK(feed.complete());
}

TEST_CASE("after a kind that differs every position names the file only") {
  PositionFeed feed{{at_line(1, TermKind::literal), at_line(2, TermKind::blank)}, 7};
  CHECK(feed.next(TermKind::iri, TermKind::iri, TermKind::iri).o == file_only);
  // The second statement agrees with the scan, but the scan can no longer be trusted.
  const TriplePos second = feed.next(TermKind::iri, TermKind::iri, TermKind::blank);
  CHECK(second.s == file_only);
  CHECK(second.p == file_only);
  CHECK(second.o == file_only);
  CHECK_FALSE(feed.complete());
}

TEST_CASE("a statement the scan lacks, or a scanned one Serd never reports, spoils the proof") {
  PositionFeed short_scan{{at_line(1, TermKind::iri)}, 7};
  short_scan.next(TermKind::iri, TermKind::iri, TermKind::iri);
  CHECK(short_scan.next(TermKind::iri, TermKind::iri, TermKind::iri).s == file_only);
  CHECK_FALSE(short_scan.complete());

  PositionFeed long_scan{{at_line(1, TermKind::iri), at_line(2, TermKind::iri)}, 7};
  long_scan.next(TermKind::iri, TermKind::iri, TermKind::iri);
  CHECK_FALSE(long_scan.complete());
}

TEST_CASE("the feed tells whether an object was written as a bare number") {
  ScannedStatement number = at_line(1, TermKind::literal);
  number.o.number = true;
  PositionFeed feed{{number, at_line(2, TermKind::literal)}, 7};
  feed.next(TermKind::iri, TermKind::iri, TermKind::literal);
  CHECK(feed.object_is_number());
  feed.next(TermKind::iri, TermKind::iri, TermKind::literal);
  CHECK_FALSE(feed.object_is_number());
}
