#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
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

// serdi's output for `input`, and whether serdi accepted it.
std::pair<std::string, bool> run_serdi(const ConvertOptions& options, const std::string& input) {
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
  const int status = ::pclose(pipe);
  return {output, status == 0};
}

std::string serdi(const ConvertOptions& options, const std::string& input) {
  return run_serdi(options, input).first;
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

namespace {

// The converter's output when the input arrives as two chunks split at `at`.
Result convert_split(const ConvertOptions& options, std::string_view input, std::size_t at) {
  Result result;
  StreamConverter converter{options, [&](std::string_view block) { result.output += block; }};
  result.ok = converter.feed(input.substr(0, at)) && converter.feed(input.substr(at)) &&
              converter.finish();
  if (converter.error()) result.error = converter.error()->text();
  return result;
}

// Statements whose ends are easy to misplace: dots, quotes, brackets and '#' inside terms,
// multi-byte characters, both kinds of directive, and a statement that ends on the last byte.
const char* const tricky_turtle =
    "@prefix ex: <http://example.org/a.b#> .\n"
    "PREFIX dc: <http://purl.org/dc/terms/>\n"
    "@base <http://example.org/dir/> .\n"
    "ex:s.1 ex:p ex:o.2 , 1.5 , 2. # a comment. with \" and < and [\n"
    "<r> dc:title \"x . y # z\"@en , 'it\\'s' , \"\"\"long . \"\" string\n"
    "over lines\"\"\" , '''δ . ''' , \"\" , \"Überlingen 東京 é\" ;\n"
    "  ex:q [ ex:r ( 1 2 [ ex:t \"u\" ] ) ; ex:v \"w\\\". \\\"\" ] .\n"
    "_:b1 ex:p ex:local\\.name , ex:o . _:x ex:p \"é\"^^ex:t.\n"
    "[ ex:p 3 ] .\n"
    "ex:last ex:p ex:o.";

}  // namespace

TEST_CASE("Turtle splits at every byte convert as serdi does") {
  const std::string input = tricky_turtle;
  for (const Syntax out : {Syntax::ntriples, Syntax::turtle}) {
    const ConvertOptions options{Syntax::turtle, out, ""};
    const auto [expected, accepted] = run_serdi(options, input);
    REQUIRE(accepted);
    for (std::size_t at = 0; at <= input.size(); ++at) {
      CAPTURE(at);
      const Result result = convert_split(options, input, at);
      REQUIRE(result.ok);
      REQUIRE(result.output == expected);
    }
  }
}

TEST_CASE("N-Triples and TriG splits at every byte convert as serdi does") {
  const std::string ntriples = many_ntriples(3) + "# comment . \"\n_:b <http://e/p> \"a\\nb\" .";
  const std::vector<std::pair<Syntax, std::string>> inputs = {
      {Syntax::ntriples, ntriples}, {Syntax::trig, sample_trig}};
  for (const auto& [in, input] : inputs) {
    const ConvertOptions options{in, in == Syntax::trig ? Syntax::nquads : Syntax::turtle,
                                 "http://example.org/"};
    const auto [expected, accepted] = run_serdi(options, input);
    REQUIRE(accepted);
    for (std::size_t at = 0; at <= input.size(); ++at) {
      CAPTURE(at);
      const Result result = convert_split(options, input, at);
      REQUIRE(result.ok);
      REQUIRE(result.output == expected);
    }
  }
}

TEST_CASE("the W3C Turtle suite converts as serdi does, in chunks of one and three bytes") {
  const std::filesystem::path suite =
      std::filesystem::path{CAE_SOURCE_ROOT} / "../shared/testdata/w3c-turtle";
  REQUIRE(std::filesystem::is_directory(suite));
  int documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator{suite}) {
    if (entry.path().extension() != ".ttl" || entry.path().filename() == "manifest.ttl") continue;
    const std::string input = read_file(entry.path());
    const ConvertOptions options{Syntax::turtle, Syntax::ntriples,
                                 "http://www.w3.org/2013/TurtleTests/" +
                                     entry.path().filename().string()};
    const auto [expected, accepted] = run_serdi(options, input);
    for (const std::size_t chunk_size : {std::size_t{1}, std::size_t{3}}) {
      const std::string name = fmt::format("{} in chunks of {}", entry.path().filename().string(),
                                           chunk_size);
      CAPTURE(name);
      const Result result = convert(options, input, chunk_size);
      CHECK(result.ok == accepted);
      if (accepted) CHECK(result.output == expected);
    }
    ++documents;
  }
  CHECK(documents > 200);
}

TEST_CASE("an error far into the input is placed by line and column of the whole input") {
  std::string input = many_ntriples(2000);
  input += "<http://e/a> <http://e/b> <http://e/c> . <http://e/a> <http://e/b> <c> .\n";
  input += many_ntriples(10);
  for (const std::size_t chunk_size : {std::size_t{1000}, std::size_t{7}, input.size()}) {
    CAPTURE(chunk_size);
    const Result result = convert(ConvertOptions{Syntax::ntriples, Syntax::ntriples, ""}, input,
                                  chunk_size);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "2001:70: missing IRI scheme");
  }
}

TEST_CASE("an error in a statement that starts in the middle of a line counts its columns") {
  const std::string input =
      "@prefix ex: <http://e/> .\nex:a ex:b ex:c . ex:a ex:b ex:d . ex:a ex:b \"x\nx\" .\n";
  for (const std::size_t chunk_size : {std::size_t{1}, std::size_t{30}, input.size()}) {
    CAPTURE(chunk_size);
    const Result result =
        convert(ConvertOptions{Syntax::turtle, Syntax::ntriples, ""}, input, chunk_size);
    CHECK_FALSE(result.ok);
    CHECK(result.error == "2:47: line end in short string");
    CHECK(result.output ==
          "<http://e/a> <http://e/b> <http://e/c> .\n<http://e/a> <http://e/b> <http://e/d> .\n");
  }
}
