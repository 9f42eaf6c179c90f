#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"
#include "temp_dir.hpp"

using cae::test::ProcessorHarness;
using cae::test::TempDir;
using nlohmann::json;

namespace {

const std::string read_file = "https://w3id.org/cae#ReadFile";

json arguments(json paths, std::string_view mode, json more = json::object()) {
  json fields = {{"path", std::move(paths)},
                 {"output", {{"writer", "out"}}},
                 {"mode", mode},
                 {"chunkSize", 65536},
                 {"keepLineEnds", false}};
  fields.update(more);
  return fields;
}

std::vector<std::string> read(const TempDir& dir, const json& fields) {
  ProcessorHarness run{fields, dir.str()};
  const auto& out = run.collect("out");
  run.start(read_file);
  run.run();
  CHECK(run.failures().empty());
  CHECK(run.produced());
  return out;
}

}  // namespace

TEST_CASE("ReadFile writes each file whole, in the order given, patterns in name order") {
  const TempDir dir{"read-whole"};
  dir.write("b.txt", "bee\n");
  dir.write("a.txt", "ay\n");
  dir.write("first.txt", "one");
  CHECK(read(dir, arguments({"first.txt", "*.txt"}, "whole")) ==
        std::vector<std::string>{"message one", "message ay\n", "message bee\n", "message one",
                                 "closed"});
}

TEST_CASE("ReadFile writes lines, the last line of each file at its end") {
  const TempDir dir{"read-lines"};
  dir.write("x.txt", "one\r\ntwo\n\nthree");
  dir.write("y.txt", "four\n");
  CHECK(read(dir, arguments({"x.txt", "y.txt"}, "lines")) ==
        std::vector<std::string>{"message one", "message two", "message ", "message three",
                                 "message four", "closed"});
}

TEST_CASE("ReadFile writes a stream per file, in chunks of at most chunkSize") {
  const TempDir dir{"read-stream"};
  dir.write("x.txt", "abcdefg");
  CHECK(read(dir, arguments({"x.txt"}, "stream", {{"chunkSize", 3}})) ==
        std::vector<std::string>{"begin", "chunk abc", "chunk def", "chunk g", "end", "closed"});
  CHECK(read(dir, arguments({"x.txt"}, "chunks", {{"chunkSize", 4}})) ==
        std::vector<std::string>{"message abcd", "message efg", "closed"});
}

TEST_CASE("ReadFile takes file IRIs, as relative IRIs in a pipeline become") {
  const TempDir dir{"read-iri"};
  dir.write("my data.txt", "spaced");
  CHECK(read(dir, arguments({"file://" + dir.path("my%20data.txt")}, "whole")) ==
        std::vector<std::string>{"message spaced", "closed"});
}

TEST_CASE("a big file streams through in bounded memory, at the pace of its reader") {
  const TempDir dir{"read-big"};
  std::string big;
  for (int i = 0; i < 100000; ++i) big += "line " + std::to_string(i) + " of a big file\n";
  dir.write("big.txt", big);
  ProcessorHarness run{arguments({"big.txt"}, "stream"), dir.str()};
  const auto& out = run.collect("out");
  run.start(read_file);
  run.run();
  std::string copy;
  for (const auto& entry : out) {
    if (entry.starts_with("chunk ")) copy += entry.substr(sizeof "chunk");
  }
  CHECK(copy == big);
  CHECK(run.channel("out").counts().bytes == big.size());
}

TEST_CASE("ReadFile refuses, before any data flows, files it cannot read or may not read") {
  const TempDir dir{"read-refused"};
  dir.write("here.txt", "x");
  for (const auto& [paths, failure] : std::vector<std::pair<json, std::string>>{
           {{"missing.txt"},
            "init: cannot read " + dir.path("missing.txt") + ": No such file or directory"},
           {{"*.ttl"}, "init: no file matches '*.ttl'"},
           {{"../here.txt"},
            "init: '../here.txt' is not beneath the file root " + dir.str() +
                "; use --file-root to allow another directory"},
       }) {
    ProcessorHarness run{arguments(paths, "whole"), dir.str()};
    const auto& out = run.collect("out");
    run.start(read_file);
    run.run();
    CHECK(run.failures() == std::vector<std::string>{failure});
    CHECK(out.empty());
  }
  ProcessorHarness bad_mode{arguments({"here.txt"}, "paragraphs"), dir.str()};
  bad_mode.start(read_file);
  CHECK(bad_mode.failures() ==
        std::vector<std::string>{
            "init: mode: expected whole, lines, chunks or stream, found 'paragraphs'"});
}
