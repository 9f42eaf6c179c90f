// owl:imports (spec/vocabulary.md §2): relative IRIs, load order, cycles, refused imports and
// the bundled vocabularies, which load without any network.
#include <doctest/doctest.h>

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "rdf/loader.hpp"

using namespace cae;
using namespace cae::rdf;
namespace fs = std::filesystem;

namespace {

// A fresh directory of test documents, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "cae-imports-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(root_, ignored);
  }

  std::string write(const std::string& name, std::string_view text) const {
    const fs::path path = root_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream{path, std::ios::binary} << text;
    return path.string();
  }
  [[nodiscard]] std::string iri(const std::string& name) const {
    return file_iri_from_path((root_ / name).string());
  }

 private:
  fs::path root_;
};

constexpr std::string_view owl_prefix = "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n";

// The documents loaded, in order, without the built-in processor shapes that load with every
// pipeline (their number grows with the built-ins; they come after everything else).
std::vector<std::string> loaded_iris(const LoadedDocument& loaded) {
  constexpr std::string_view builtin_shapes = "https://w3id.org/cae/processors/";
  std::vector<std::string> out;
  for (std::size_t i = 0; i < loaded.sources.size(); ++i) {
    std::string iri = loaded.sources.file(static_cast<std::uint32_t>(i)).iri;
    if (!iri.starts_with(builtin_shapes)) out.push_back(std::move(iri));
  }
  return out;
}

}  // namespace

TEST_CASE("imports resolve against the importing file and load depth-first, each once") {
  const TempDir dir;
  const std::string main = dir.write(
      "main.ttl", fmt::format("{}<> owl:imports <sub/a.ttl>, <c.ttl> .\n<s> <p> \"main\" .\n",
                              owl_prefix));
  dir.write("sub/a.ttl", fmt::format("{}<> owl:imports <b.ttl>, <../main.ttl> .\n", owl_prefix));
  dir.write("sub/b.ttl", "<s> <p> \"b\" .\n");
  dir.write("c.ttl", fmt::format("{}<> owl:imports <sub/a.ttl> .\n", owl_prefix));

  Diagnostics diagnostics;
  const LoadedDocument loaded = load_document(main, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(loaded_iris(loaded) == std::vector<std::string>{dir.iri("main.ttl"), dir.iri("sub/a.ttl"),
                                                        dir.iri("sub/b.ttl"), dir.iri("c.ttl"),
                                                        "https://w3id.org/cae"});
  CHECK(loaded.documents == loaded.sources.size());
  CHECK(loaded.position_mismatches == 0);
  std::vector<Triple> from_b;
  for (const Triple& t : loaded.graph.statements()) {
    if (t.o.is_literal() && t.o.text() == "b") from_b.push_back(t);
  }
  REQUIRE(from_b.size() == 1);
  CHECK(from_b[0].s.text() == dir.iri("sub/s"));
  CHECK(from_b[0].pos.o == Location{2, 1, 9});
}

TEST_CASE("a missing import is reported at the import's object, naming the file") {
  const TempDir dir;
  const std::string main =
      dir.write("main.ttl", fmt::format("{}\n<> owl:imports\n    <missing.ttl> .\n", owl_prefix));
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_document(main, diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  const Diagnostic& error = diagnostics.items()[0];
  CHECK(error.code == Code::import);
  CHECK(error.where == Location{loaded.entry_file, 4, 5});
  CHECK(error.message == fmt::format("cannot import <{}>: {}: No such file or directory",
                                     dir.iri("missing.ttl"), (fs::path{main}.parent_path() /
                                                              "missing.ttl").string()));
}

TEST_CASE("remote imports are refused with code import; other subjects import nothing") {
  const TempDir dir;
  const std::string main = dir.write(
      "main.ttl", fmt::format("{}<> owl:imports <http://example.org/remote.ttl> .\n"
                              "<other> owl:imports <missing.ttl> .\n",
                              owl_prefix));
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_document(main, diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  const Diagnostic& error = diagnostics.items()[0];
  CHECK(error.code == Code::import);
  CHECK(error.where == Location{loaded.entry_file, 2, 16});
  CHECK(error.message.starts_with(
      "cannot import <http://example.org/remote.ttl>: cae never fetches documents over the "
      "network"));
  // The entry file and cae's own vocabulary.
  CHECK(loaded_iris(loaded) == std::vector<std::string>{dir.iri("main.ttl"), "https://w3id.org/cae"});
}

TEST_CASE("bundled vocabularies load from memory, named with or without a trailing #") {
  const TempDir dir;
  const std::string main = dir.write(
      "main.ttl", fmt::format("{}<> owl:imports <https://w3id.org/rdf-connect#>,\n"
                              "  <https://w3id.org/conn>, <https://w3id.org/rdf-connect> .\n",
                              owl_prefix));
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_document(main, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(loaded_iris(loaded) == std::vector<std::string>{dir.iri("main.ttl"),
                                                        "https://w3id.org/rdf-connect",
                                                        "https://w3id.org/conn",
                                                        "https://w3id.org/cae"});
  CHECK(loaded.sources.file(1).display == "<bundled>/rdf-connect.ttl");
}

TEST_CASE("an import in a refused format names the format") {
  const TempDir dir;
  const std::string main =
      dir.write("main.ttl", fmt::format("{}<> owl:imports <shapes.jsonld> .\n", owl_prefix));
  dir.write("shapes.jsonld", "{}");
  Diagnostics diagnostics;
  load_document(main, diagnostics);
  REQUIRE(diagnostics.items().size() == 1);
  CHECK(diagnostics.items()[0].code == Code::import);
  CHECK(diagnostics.items()[0].message ==
        fmt::format("cannot import <{}>: JSON-LD documents are not supported; convert it to "
                    "Turtle or N-Triples",
                    dir.iri("shapes.jsonld")));
}

TEST_CASE("imported N-Quads and TriG files are read in their own syntax") {
  const TempDir dir;
  const std::string main = dir.write(
      "main.ttl", fmt::format("{}<> owl:imports <q.nq>, <g.trig> .\n", owl_prefix));
  dir.write("q.nq", "<http://a/s> <http://a/p> \"q\" <http://a/g> .\n");
  dir.write("g.trig", "<http://a/g> { <http://a/s> <http://a/p> \"g\" }\n");
  Diagnostics diagnostics;
  const LoadedDocument loaded = load_document(main, diagnostics);
  CHECK(diagnostics.empty());
  CHECK(loaded.position_mismatches == 0);
  const Graph& graph = loaded.graph;
  const auto values = graph.objects(graph.find_iri("http://a/s"), graph.find_iri("http://a/p"));
  REQUIRE(values.size() == 2);
  CHECK(values[0].text() == "q");
  CHECK(values[1].text() == "g");
}
