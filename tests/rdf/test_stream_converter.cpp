#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "rdf/stream_converter.hpp"

using cae::rdf::ConvertOptions;
using cae::rdf::StreamConverter;
using cae::rdf::Syntax;

namespace {

const char* syntax_name(Syntax syntax) {
  switch (syntax) {
    case Syntax::turtle: return "turtle";
    case Syntax::trig: return "trig";
    case Syntax::ntriples: return "ntriples";
    case Syntax::nquads: return "nquads";
  }
  return "";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in{path, std::ios::binary};
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A file that exists while the test runs, for serdi to read.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            fmt::format("cae-test-converter-{}-{}", ::getpid(), counter++);
    std::ofstream{path_, std::ios::binary} << text;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { std::filesystem::remove(path_); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string serdi(const ConvertOptions& options, const std::string& input) {
  const TempFile file{input};
  const std::string command =
      fmt::format("serdi -i {} -o {} '{}' '{}' 2>/dev/null", syntax_name(options.input),
                  syntax_name(options.output), file.path().string(), options.base_iri);
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    output.append(buffer.data(), n);
  }
  ::pclose(pipe);
  return output;
}

struct Result {
  std::string output;
  bool ok = false;
  std::string error;
};

Result convert(const ConvertOptions& options, std::string_view input, std::size_t chunk_size) {
  Result result;
  StreamConverter converter{options, [&](std::string_view block) { result.output += block; }};
  bool ok = true;
  for (std::size_t at = 0; ok && at < input.size(); at += chunk_size) {
    ok = converter.feed(input.substr(at, chunk_size));
  }
  result.ok = ok && converter.finish();
  if (converter.error()) result.error = converter.error()->text();
  return result;
}

std::string sample_turtle() {
  return read_file(std::filesystem::path{CAE_SOURCE_ROOT} / "pipelines/data/sample.ttl");
}

const char* const sample_trig = R"(@prefix ex: <http://example.org/> .
ex:g1 { ex:a ex:p "one" ; ex:q [ ex:r 2 ] . ex:b ex:p ( 1 2 ) . }
GRAPH ex:g2 { ex:c ex:p "zwei"@de . }
ex:d ex:p ex:e .
)";

std::string many_ntriples(int count) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text +=
        fmt::format("<http://example.org/s{}> <http://example.org/p> \"value {} é\"@fr .\n", i, i);
  }
  return text;
}

}  // namespace

TEST_CASE("Turtle converts to the same N-Triples as serdi, however the input is split") {
  const ConvertOptions options{Syntax::turtle, Syntax::ntriples, "http://example.org/"};
  const std::string input = sample_turtle();
  const std::string expected = serdi(options, input);
  REQUIRE(expected.find("_:mann <http://example.org/library#name> \"Thomas Mann\" .\n") !=
          std::string::npos);
  for (const std::size_t chunk_size : {std::size_t{1}, std::size_t{7}, input.size()}) {
    CAPTURE(chunk_size);
    const Result result = convert(options, input, chunk_size);
    CHECK(result.ok);
    CHECK(result.output == expected);
  }
}

TEST_CASE("every pair of the four syntaxes converts as serdi does") {
  const std::string turtle = sample_turtle();
  const std::string ntriples =
      serdi(ConvertOptions{Syntax::turtle, Syntax::ntriples, "http://example.org/"}, turtle);
  const std::string nquads =
      serdi(ConvertOptions{Syntax::trig, Syntax::nquads, "http://example.org/"}, sample_trig);
  const std::vector<std::pair<Syntax, std::string>> inputs = {
      {Syntax::turtle, turtle},
      {Syntax::trig, sample_trig},
      {Syntax::ntriples, ntriples},
      {Syntax::nquads, nquads},
  };
  for (const auto& [in, text] : inputs) {
    for (const Syntax out : {Syntax::turtle, Syntax::trig, Syntax::ntriples, Syntax::nquads}) {
      const ConvertOptions options{in, out, "http://example.org/"};
      const std::string pair = fmt::format("{} to {}", syntax_name(in), syntax_name(out));
      CAPTURE(pair);
      const Result result = convert(options, text, 5);
      CHECK(result.ok);
      CHECK(result.output == serdi(options, text));
    }
  }
}

TEST_CASE("Turtle output keeps the input's prefixes and base") {
  const Result result = convert(ConvertOptions{Syntax::turtle, Syntax::turtle, ""},
                                "@prefix ex: <http://example.org/> .\n"
                                "@base <http://example.org/base/> .\n"
                                "ex:a ex:p <x> .\n",
                                3);
  CHECK(result.ok);
  CHECK(result.output ==
        "@prefix ex: <http://example.org/> .\n"
        "@base <http://example.org/base/> .\n"
        "\n"
        "ex:a\n"
        "\tex:p <http://example.org/base/x> .\n"
        "\n");
}

TEST_CASE("relative IRIs resolve against the base IRI option") {
  const Result result =
      convert(ConvertOptions{Syntax::turtle, Syntax::ntriples, "http://example.org/dir/"},
              "<a> <../b> <#c> .\n", 4);
  CHECK(result.ok);
  CHECK(result.output ==
        "<http://example.org/dir/a> <http://example.org/b> <http://example.org/dir/#c> .\n");
}

TEST_CASE("a syntax error is reported with its line and column, after the output before it") {
  const Result result = convert(ConvertOptions{Syntax::turtle, Syntax::ntriples, ""},
                                "@prefix ex: <http://e/> .\n"
                                "ex:a ex:b ex:c .\n"
                                "ex:a ex:b \"unterminated .\n"
                                "ex:a ex:b ex:d .\n",
                                2);
  CHECK_FALSE(result.ok);
  CHECK(result.error == "3:26: line end in short string");
  CHECK(result.output == "<http://e/a> <http://e/b> <http://e/c> .\n");
}

TEST_CASE("an error on the first line counts columns from 1 too") {
  const Result result =
      convert(ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""}, "<a> <b> <c> .\n", 100);
  CHECK_FALSE(result.ok);
  CHECK(result.error == "1:3: missing IRI scheme");
}

TEST_CASE("an undefined prefix is an error without a place") {
  const Result result =
      convert(ConvertOptions{Syntax::turtle, Syntax::ntriples, ""}, "ex:a ex:b ex:c .\n", 100);
  CHECK_FALSE(result.ok);
  CHECK(result.error == "undefined namespace prefix `ex:a'");
}

TEST_CASE("feed returns false once the input has failed") {
  StreamConverter converter{ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""},
                            [](std::string_view) {}};
  std::string input = "<a> <b> <c> .\n";
  input.resize(256 * 1024, '\n');  // more than a page, so the reader meets the error now
  CHECK_FALSE(converter.feed(input));
  CHECK_FALSE(converter.feed("<http://e/a> <http://e/b> <http://e/c> .\n"));
  CHECK_FALSE(converter.finish());
}

TEST_CASE("empty input converts to empty output") {
  const Result result = convert(ConvertOptions{}, "", 1);
  CHECK(result.ok);
  CHECK(result.output.empty());
}

TEST_CASE("large input streams out in blocks while it is fed") {
  const ConvertOptions options{Syntax::ntriples, Syntax::ntriples, ""};
  const std::string input = many_ntriples(20000);
  std::vector<std::size_t> blocks;
  std::string output;
  std::size_t output_before_finish = 0;
  StreamConverter converter{options, [&](std::string_view block) {
                              blocks.push_back(block.size());
                              output += block;
                            }};
  for (std::size_t at = 0; at < input.size(); at += 10000) {
    REQUIRE(converter.feed(std::string_view{input}.substr(at, 10000)));
  }
  output_before_finish = output.size();
  REQUIRE(converter.finish());
  CHECK(output == serdi(options, input));
  CHECK(output_before_finish > input.size() / 2);
  REQUIRE(blocks.size() > 2);
  for (std::size_t i = 0; i + 1 < blocks.size(); ++i) {
    CHECK(blocks[i] >= StreamConverter::block_size);
  }
}

TEST_CASE("a converter destroyed before finish stops its worker") {
  bool called = false;
  {
    StreamConverter converter{ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""},
                              [&](std::string_view) { called = true; }};
    CHECK(converter.feed(many_ntriples(100)));
  }
  CHECK_FALSE(called);
}

TEST_CASE("an exception from the sink propagates and the converter can still be destroyed") {
  StreamConverter converter{ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""},
                            [](std::string_view) { throw std::runtime_error{"sink failed"}; }};
  CHECK_THROWS_WITH(converter.feed(many_ntriples(5000)), "sink failed");
}

TEST_CASE("a document in memory converts on the calling thread to the same bytes") {
  const ConvertOptions options{Syntax::turtle, Syntax::ntriples, "http://example.org/"};
  const std::string input = sample_turtle();
  std::string output;
  const auto error =
      cae::rdf::convert_document(options, input, [&](std::string_view block) { output += block; });
  CHECK_FALSE(error.has_value());
  CHECK(output == serdi(options, input));
}

TEST_CASE("a document in memory reports its first error") {
  std::string output;
  const auto error = cae::rdf::convert_document(
      ConvertOptions{Syntax::turtle, Syntax::ntriples, ""}, "<http://e/a> <http://e/b> .\n",
      [&](std::string_view block) { output += block; });
  REQUIRE(error.has_value());
  CHECK(error->text() == "1:28: expected digit");
}

TEST_CASE("an exception from the sink of a document in memory propagates") {
  const std::string input = many_ntriples(5000);
  CHECK_THROWS_WITH(
      cae::rdf::convert_document(ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""}, input,
                                 [](std::string_view) { throw std::runtime_error{"sink failed"}; }),
      "sink failed");
}
