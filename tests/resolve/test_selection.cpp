// Which processors run (spec/vocabulary.md §3-§4), and example E8 of spec/arguments.md §6.
#include <doctest/doctest.h>

#include "fixture.hpp"

using namespace cae::test;

namespace {

// The runner and the two built-ins of spec/vocabulary.md §4, as the cae ontology and the
// built-in shapes declare them.
constexpr std::string_view builtins = R"(
cae:CppRunner a rdfc:Runner; rdfc:handlesSubjectsOf cae:cppImplementationOf.
cae:Emit cae:cppImplementationOf rdfc:Processor. cae:Print cae:cppImplementationOf rdfc:Processor.
[] a sh:NodeShape; sh:targetClass cae:Emit; sh:property
  [ sh:path cae:text; sh:name "text"; sh:datatype xsd:string; sh:minCount 1 ],
  [ sh:path cae:output; sh:name "output"; sh:class rdfc:Writer; sh:minCount 1; sh:maxCount 1 ],
  [ sh:path cae:intervalMs; sh:name "intervalMs"; sh:datatype xsd:integer; sh:maxCount 1; sh:defaultValue 0 ].
[] a sh:NodeShape; sh:targetClass cae:Print; sh:property
  [ sh:path cae:input; sh:name "input"; sh:class rdfc:Reader; sh:minCount 1; sh:maxCount 1 ],
  [ sh:path cae:prefix; sh:name "prefix"; sh:datatype xsd:string; sh:maxCount 1; sh:defaultValue "" ].
)";

Resolution resolve_pipeline_text(std::string_view body, std::string_view name = "demo/fan.ttl") {
  const auto options = options_with_builtins(
      {"https://w3id.org/cae#Emit", "https://w3id.org/cae#Print", "http://ex.org/P"});
  return resolve_text(std::string{body} + std::string{builtins}, options, name);
}

constexpr std::string_view e8_channel = "<lines> a rdfc:Reader, rdfc:Writer.\n";
constexpr std::string_view e8_processors =
    R"(<emit> a cae:Emit; cae:text ( "one" "two" ); cae:output <lines>.
<left> a cae:Print; cae:input <lines>.
<right> a cae:Print; cae:input <lines>; cae:prefix "R ".
)";

std::string e8(std::string_view listed) {
  return std::string{e8_channel} +
         "<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor " +
         std::string{listed} + " ].\n" + std::string{e8_processors};
}

}  // namespace

TEST_CASE("E8: the whole inspect document of a fan-out pipeline") {
  const auto r = resolve_pipeline_text(e8("<emit>, <left>, <right>"));
  CHECK(r.errors() == "");
  CHECK(cae::model::to_inspect_json(r.pipeline).dump() == nlohmann::ordered_json::parse(R"(
{"pipeline": "file:///demo/fan.ttl",
 "processors": [
  {"id": "file:///demo/emit", "type": "https://w3id.org/cae#Emit", "runner": "https://w3id.org/cae#CppRunner",
   "arguments": {"intervalMs": 0, "output": {"writer": "file:///demo/lines"}, "text": ["one", "two"]}},
  {"id": "file:///demo/left", "type": "https://w3id.org/cae#Print", "runner": "https://w3id.org/cae#CppRunner",
   "arguments": {"input": {"reader": "file:///demo/lines"}, "prefix": ""}},
  {"id": "file:///demo/right", "type": "https://w3id.org/cae#Print", "runner": "https://w3id.org/cae#CppRunner",
   "arguments": {"input": {"reader": "file:///demo/lines"}, "prefix": "R "}}],
 "channels": [{"id": "file:///demo/lines", "writers": ["file:///demo/emit"],
   "readers": ["file:///demo/left", "file:///demo/right"], "transport": "memory"}]})")
                                                              .dump());
}

TEST_CASE("E8: a channel with a writer but no reader among the listed processors") {
  const auto r = resolve_pipeline_text(e8("<emit>"));
  CHECK(
      r.errors() ==
      "demo/fan.ttl:4:57: error: channel <lines> has a writer (<emit>) but no reader [channel]\n");
}

TEST_CASE(
    "a runner that does not handle cae:cppImplementationOf is unknown-type naming what it "
    "handles") {
  const auto r =
      resolve_pipeline_text(R"(rdfc:NodeRunner rdfc:handlesSubjectsOf rdfc:jsImplementationOf.
<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates rdfc:NodeRunner; rdfc:processor <emit> ].
)");
  CHECK(r.errors() ==
        "demo/fan.ttl:3:57: error: runner rdfc:NodeRunner handles "
        "rdfc:jsImplementationOf; cae runs only runners that handle "
        "cae:cppImplementationOf, such as cae:CppRunner [unknown-type]\n");
}

TEST_CASE("only the listed processors run, in the order they are listed") {
  const auto r = resolve_pipeline_text(std::string{e8_channel} + R"(
<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <right>, <emit> ].
<emit> a cae:Emit; cae:text "x"; cae:output <lines>.
<right> a cae:Print; cae:input <lines>.
<spare> a cae:Print; cae:input <lines>.
)");
  CHECK(r.errors() == "");
  REQUIRE(r.pipeline.processors.size() == 2);
  CHECK(r.pipeline.processors[0].id == "file:///demo/right");
  CHECK(r.pipeline.processors[1].id == "file:///demo/emit");
  CHECK(r.pipeline.channels[0].readers == std::vector<std::string>{"file:///demo/right"});
  REQUIRE(r.pipeline.runners.size() == 1);
  CHECK(r.pipeline.runners[0].id == "https://w3id.org/cae#CppRunner");
  CHECK_FALSE(r.pipeline.connector_mode);
}

TEST_CASE("a processor listed in two contexts is too-many-values with a note at the first") {
  const auto r = resolve_pipeline_text(std::string{e8_channel} + R"(
<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <emit>, <left> ],
  [ rdfc:instantiates cae:CppRunner; rdfc:processor <emit> ].
)" + std::string{e8_processors});
  CHECK(r.errors() ==
        "demo/fan.ttl:5:53: error: processor <emit> is listed in two execution "
        "contexts; a processor may sit in only one [too-many-values]\n"
        "demo/fan.ttl:4:87: note: it is first listed here\n");
}

TEST_CASE("listed processors must be IRIs with exactly one runnable type") {
  const auto r = resolve_pipeline_text(R"(ex:Js rdfc:jsImplementationOf rdfc:Processor.
<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates cae:CppRunner;
  rdfc:processor [ a cae:Emit ], <js>, <two>, <none> ].
<js> a ex:Js.
<two> a cae:Emit, cae:Print.
)");
  CHECK(r.errors() ==
        "demo/fan.ttl:4:18: error: execution context _:b1: a processor must be an IRI, found a "
        "blank node [not-an-iri]\n"
        "demo/fan.ttl:4:47: error: processor <none> has no type cae can run: it has no rdf:type; "
        "cae runs classes declared cae:cppImplementationOf rdfc:Processor that are built in or "
        "name one cae:library (import the file that defines the class) [unknown-type]\n"
        "demo/fan.ttl:5:8: error: processor <js> has no type cae can run: ex:Js is a JavaScript "
        "processor; cae runs classes declared cae:cppImplementationOf rdfc:Processor that are "
        "built in or name one cae:library (import the file that defines the class) "
        "[unknown-type]\n"
        "demo/fan.ttl:6:19: error: processor <two> has 2 runnable types (cae:Emit, cae:Print); it "
        "needs exactly one [too-many-values]\n"
        "demo/fan.ttl:6:9: note: the first runnable type is here\n");
}

TEST_CASE("two pipeline resources in the entry file are too-many-values") {
  const auto r = resolve_pipeline_text(R"(<a> a rdfc:Pipeline.
<b> rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <emit> ].
)");
  CHECK(r.errors() ==
        "demo/fan.ttl:3:1: error: the document describes 2 pipelines (<a>, <b>); "
        "keep one, or make the document itself (<>) the pipeline [too-many-values]\n"
        "demo/fan.ttl:2:1: note: the first pipeline is here\n");
}

TEST_CASE("the entry document wins over other pipeline candidates") {
  const auto r = resolve_pipeline_text(std::string{e8_channel} + R"(<other> a rdfc:Pipeline.
<> rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <emit>, <left> ].
)" + std::string{e8_processors});
  CHECK(r.errors() == "");
  CHECK(r.pipeline.iri == "file:///demo/fan.ttl");
  CHECK(r.pipeline.processors.size() == 2);
}

TEST_CASE("connector-architecture mode runs every runnable instance in type order") {
  const auto r = resolve_pipeline_text(R"(ex:Js rdfc:jsImplementationOf rdfc:Processor.
<log> a ex:Js; ex:in <lines>.
<show> a cae:Print; cae:input <lines>.
[] a cae:Emit; cae:text "x"; cae:output <lines>.
)");
  CHECK(r.errors() == "");
  CHECK(r.pipeline.connector_mode);
  CHECK(r.pipeline.iri == "file:///demo/fan.ttl");
  REQUIRE(r.pipeline.processors.size() == 2);
  CHECK(r.pipeline.processors[0].id == "file:///demo/show");
  CHECK(r.pipeline.processors[1].id == "_:b1");
  CHECK(r.pipeline.processors[1].runner == "https://w3id.org/cae#CppRunner");
  CHECK(r.arguments_text("_:b1") ==
        compact(R"({"intervalMs": 0, "output": {"writer": "file:///demo/lines"}, "text": ["x"]})"));
}

TEST_CASE("connector mode reports instances of C++ classes cae cannot run") {
  const auto r = resolve_pipeline_text(R"(ex:Lost cae:cppImplementationOf rdfc:Processor.
<x> a ex:Lost.
)");
  CHECK(r.errors() ==
        "demo/fan.ttl:3:7: error: processor <x> has no type cae can run: ex:Lost is "
        "not built in and names no cae:library; cae runs classes declared "
        "cae:cppImplementationOf rdfc:Processor that are built in or name one "
        "cae:library (import the file that defines the class) [unknown-type]\n");
}

TEST_CASE("a processor class without a shape is no-shape at the rdf:type object") {
  const auto r =
      resolve_pipeline_text("<p> a ex:P.\nex:P cae:cppImplementationOf rdfc:Processor.\n");
  CHECK(r.errors() ==
        "demo/fan.ttl:2:7: error: processor <p> (ex:P): ex:P has no SHACL shape; "
        "import the file that defines it [no-shape]\n");
}

TEST_CASE("a missing cae:library is an import error at the cae:library object") {
  auto options = options_with_builtins({});
  const auto r =
      resolve_text(R"(ex:L cae:cppImplementationOf rdfc:Processor; cae:library <lib/none.so>.
[] a sh:NodeShape; sh:targetClass ex:L; sh:property [ sh:path ex:x; sh:name "x"; sh:datatype xsd:string ].
<p> a ex:L.
)",
                   options);
  CHECK(r.errors() ==
        "demo/p.ttl:2:58: error: cannot find the library <lib/none.so> of ex:L: "
        "/demo/lib/none.so: No such file or directory [import]\n");
}

TEST_CASE("an existing cae:library resolves against the defining file") {
  const TempDir dir;
  dir.write("lib/libx.so", "");
  dir.write("defs/x.ttl",
            R"(@prefix cae: <https://w3id.org/cae#>. @prefix rdfc: <https://w3id.org/rdf-connect#>.
@prefix sh: <http://www.w3.org/ns/shacl#>. @prefix xsd: <http://www.w3.org/2001/XMLSchema#>.
<X> cae:cppImplementationOf rdfc:Processor; cae:library <../lib/libx.so>.
[] a sh:NodeShape; sh:targetClass <X>; sh:property [ sh:path <n>; sh:name "n"; sh:datatype xsd:integer; sh:maxCount 1 ].
)");
  const auto entry = dir.write("p.ttl", R"(@prefix owl: <http://www.w3.org/2002/07/owl#>.
<> owl:imports <defs/x.ttl>.
<p> a <defs/X>; <defs/n> 3.
)");
  const auto r = resolve_file(entry, options_with_builtins({}));
  CHECK(r.errors() == "");
  REQUIRE(r.pipeline.processors.size() == 1);
  CHECK(r.pipeline.processors[0].library == (dir.path() / "lib/libx.so").string());
  CHECK(r.arguments_text(r.pipeline.processors[0].id) == compact(R"({"n": 3})"));
}

TEST_CASE("pipeline resources of imported files are not candidates") {
  const TempDir dir;
  dir.write("other.ttl", R"(@prefix rdfc: <https://w3id.org/rdf-connect#>.
<other> a rdfc:Pipeline.
)");
  const auto entry =
      dir.write("p.ttl", "<> <http://www.w3.org/2002/07/owl#imports> <other.ttl>.\n");
  const auto r = resolve_file(entry, options_with_builtins({}));
  CHECK(r.errors() == "");
  CHECK(r.pipeline.connector_mode);
}
