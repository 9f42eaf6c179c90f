#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "base/line_splitter.hpp"

using cae::LineSplitter;

namespace {

// Feeds `input` in pieces of `piece` bytes and collects the lines.
std::vector<std::string> split(std::string_view input, std::size_t piece, bool keep_line_ends) {
  LineSplitter splitter{keep_line_ends};
  std::vector<std::string> lines;
  const auto collect = [&](std::string_view line) { lines.emplace_back(line); };
  for (std::size_t at = 0; at < input.size(); at += piece) {
    splitter.feed(input.substr(at, piece), collect);
  }
  splitter.finish(collect);
  return lines;
}

}  // namespace

TEST_CASE("lines come out whole however the input is cut") {
  const std::string input = "first\nsecond line\n\nfourth\n";
  const std::vector<std::string> expected = {"first", "second line", "", "fourth"};
  for (const std::size_t piece : {std::size_t{1}, std::size_t{2}, std::size_t{5}, input.size()}) {
    CAPTURE(piece);
    CHECK(split(input, piece, false) == expected);
  }
}

TEST_CASE("CRLF line ends are stripped whole, even when split between chunks") {
  const std::string input = "a\r\nb\r\n";
  CHECK(split(input, 2, false) == std::vector<std::string>{"a", "b"});
  CHECK(split(input, 1, false) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a lone carriage return is part of the line") {
  CHECK(split("a\rb\nc\r", 3, false) == std::vector<std::string>{"a\rb", "c\r"});
}

TEST_CASE("line ends are kept as they were when asked") {
  CHECK(split("a\r\nb\nc", 2, true) == std::vector<std::string>{"a\r\n", "b\n", "c"});
}

TEST_CASE("the last line without a line end comes out at finish") {
  LineSplitter splitter;
  std::vector<std::string> lines;
  const auto collect = [&](std::string_view line) { lines.emplace_back(line); };
  splitter.feed("one\ntw", collect);
  CHECK(lines == std::vector<std::string>{"one"});
  splitter.feed("o", collect);
  splitter.finish(collect);
  CHECK(lines == std::vector<std::string>{"one", "two"});
  splitter.finish(collect);
  CHECK(lines.size() == 2);
}

TEST_CASE("empty input gives no lines; a single line end gives one empty line") {
  CHECK(split("", 1, false).empty());
  CHECK(split("\n", 1, false) == std::vector<std::string>{""});
}
