#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"

using cae::test::ProcessorHarness;
using nlohmann::json;

namespace {

const std::string stdin_class = "https://w3id.org/cae#Stdin";

std::vector<std::string> read_stdin(std::string_view mode, std::string text, std::size_t piece,
                                    std::int64_t chunk_size = 65536) {
  ProcessorHarness run{{{"output", {{"writer", "out"}}},
                        {"mode", mode},
                        {"chunkSize", chunk_size},
                        {"keepLineEnds", false}}};
  run.set_standard_input(std::move(text), piece);
  const auto& out = run.collect("out");
  run.start(stdin_class);
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.produced());
  return out;
}

}  // namespace

TEST_CASE("Stdin writes lines, whatever the pieces standard input arrives in") {
  CHECK(read_stdin("lines", "a\nbc\r\nd", 2) ==
        std::vector<std::string>{"message a", "message bc", "message d", "closed"});
}

TEST_CASE("Stdin writes chunks, or one stream") {
  CHECK(read_stdin("chunks", "abcde", 2) ==
        std::vector<std::string>{"message ab", "message cd", "message e", "closed"});
  CHECK(read_stdin("stream", "abcde", 5, 2) ==
        std::vector<std::string>{"begin", "chunk ab", "chunk cd", "chunk e", "end", "closed"});
}

TEST_CASE("Stdin closes its output at once on empty input") {
  CHECK(read_stdin("lines", "", 1) == std::vector<std::string>{"closed"});
}

TEST_CASE("Stdin refuses whole, which would hold all of standard input") {
  ProcessorHarness run{{{"output", {{"writer", "out"}}},
                        {"mode", "whole"},
                        {"chunkSize", 1},
                        {"keepLineEnds", false}}};
  run.start(stdin_class);
  CHECK(run.failures() ==
        std::vector<std::string>{"init: mode: expected lines, chunks or stream, found 'whole'"});
}
