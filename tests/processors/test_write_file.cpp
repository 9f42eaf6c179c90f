#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "processor_harness.hpp"
#include "temp_dir.hpp"

using cae::Message;
using cae::test::ProcessorHarness;
using cae::test::TempDir;
using nlohmann::json;

namespace {

const std::string write_file = "https://w3id.org/cae#WriteFile";

json arguments(std::string_view path, std::string_view mode, std::string_view suffix = "") {
  return {{"input", {{"reader", "in"}}}, {"path", path}, {"mode", mode}, {"suffix", suffix}};
}

// Writes "one", the stream "t" "wo", and "three" to a WriteFile, then closes its input.
void write_three(ProcessorHarness& run) {
  auto& in = run.feed("in");
  run.start(write_file);
  CHECK(in.write(Message::copy("one")).ready());
  CHECK(in.begin_stream().ready());
  CHECK(in.write_chunk(Message::copy("t")).ready());
  CHECK(in.write_chunk(Message::copy("wo")).ready());
  CHECK(in.end_stream().ready());
  CHECK(in.write(Message::copy("three")).ready());
  in.close();
  run.run();
  CHECK(run.failures().empty());
}

}  // namespace

TEST_CASE("WriteFile appends every message, after emptying the file at the start") {
  const TempDir dir{"write-append"};
  dir.write("out/all.txt", "old content\n");
  ProcessorHarness run{arguments("out/all.txt", "append", "\n"), dir.str()};
  write_three(run);
  CHECK(dir.read("out/all.txt") == "one\ntwo\nthree\n");
}

TEST_CASE("WriteFile in append mode creates the file even when no message comes") {
  const TempDir dir{"write-empty"};
  ProcessorHarness run{arguments("empty.txt", "append"), dir.str()};
  auto& in = run.feed("in");
  run.start(write_file);
  in.close();
  run.run();
  CHECK(dir.exists("empty.txt"));
  CHECK(dir.read("empty.txt").empty());
}

TEST_CASE("WriteFile replaces the file with each message, leaving no partial file") {
  const TempDir dir{"write-replace"};
  ProcessorHarness run{arguments("last.txt", "replace"), dir.str()};
  write_three(run);
  CHECK(dir.read("last.txt") == "three");
  CHECK_FALSE(dir.exists("last.txt.cae-partial"));
}

TEST_CASE("WriteFile writes one file per message, numbered from 0") {
  const TempDir dir{"write-files"};
  ProcessorHarness run{arguments("part-{i}.txt", "files"), dir.str()};
  write_three(run);
  CHECK(dir.read("part-0.txt") == "one");
  CHECK(dir.read("part-1.txt") == "two");
  CHECK(dir.read("part-2.txt") == "three");
}

TEST_CASE("WriteFile refuses paths outside the file root and patterns without {i}") {
  const TempDir dir{"write-refused"};
  ProcessorHarness escape{arguments("../../etc/evil", "append"), dir.str()};
  escape.start(write_file);
  CHECK(escape.failures() ==
        std::vector<std::string>{"init: '../../etc/evil' is not beneath the file root " +
                                 dir.str() + "; use --file-root to allow another directory"});
  ProcessorHarness pattern{arguments("same.txt", "files"), dir.str()};
  pattern.start(write_file);
  CHECK(
      pattern.failures() ==
      std::vector<std::string>{"init: path: in files mode the path needs {i}, the message number"});
}
