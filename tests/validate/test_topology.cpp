#include <doctest/doctest.h>

#include "../resolve/fixture.hpp"
#include "validate/topology.hpp"

using namespace cae;

namespace {

// ex:P is runnable (built in for the test), ex:Js a JavaScript class, ex:Node its runner.
constexpr std::string_view classes =
    "cae:CppRunner rdfc:handlesSubjectsOf cae:cppImplementationOf.\n"
    "ex:Node rdfc:handlesSubjectsOf rdfc:jsImplementationOf. "
    "ex:Js rdfc:jsImplementationOf rdfc:Processor.\n"
    "[] a sh:NodeShape; sh:targetClass ex:P; sh:property "
    "[ sh:path ex:in; sh:name \"in\"; sh:class rdfc:Reader; sh:maxCount 1 ], "
    "[ sh:path ex:out; sh:name \"out\"; sh:class rdfc:Writer; sh:maxCount 1 ].\n";

// What resolution and the topology checks report together, on the pipeline `body`.
std::string topology(std::string_view body) {
  auto resolution = test::resolve_example(std::string{classes} + std::string{body});
  Diagnostics found;
  validate::check_topology(resolution.document, resolution.pipeline, found);
  found.sort();
  return found.format(resolution.document.sources);
}

}  // namespace

TEST_CASE("a processor no context lists is a warning at its type") {
  CHECK(
      topology("<> rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <a>, <b> ].\n"
               "<a> a ex:P; ex:out <c>. <b> a ex:P; ex:in <c>.\n"
               "<spare> a ex:Js.\n") ==
      "demo/p.ttl:7:11: warning: processor <spare> (ex:Js) is in no execution context, so no "
      "runner starts it; list it with rdfc:processor [topology]\n");
}

TEST_CASE("a foreign runner's processors, and their in-memory channels with cae's") {
  CHECK(topology("<> rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <a> ],\n"
                 "  [ rdfc:instantiates ex:Node; rdfc:processor <j>, <k> ].\n"
                 "<a> a ex:P; ex:out <c>. <j> a ex:Js; ex:in <c>. <k> a ex:Js; ex:in <ws>.\n"
                 "<ws> a conn:WsReaderChannel; conn:wsPort 8000.\n") ==
        "demo/p.ttl:6:23: warning: cae will not run processors <j>, <k>: runner ex:Node does not "
        "handle cae:cppImplementationOf, so another program must start them [topology]\n"
        "demo/p.ttl:7:44: error: channel <c> joins <a> (runner cae:CppRunner) and <j> (runner "
        "ex:Node) in memory, but different runners are different processes; give the channel a "
        "ws, http, file or tcp end [topology]\n");
}

TEST_CASE("a processor under two runners; two contexts of cae's are resolution's to report") {
  CHECK(
      topology("<> rdfc:consistsOf [ rdfc:instantiates cae:CppRunner; rdfc:processor <a>, <b> ],\n"
               "  [ rdfc:instantiates ex:Node; rdfc:processor <a> ],\n"
               "  [ rdfc:instantiates cae:CppRunner; rdfc:processor <b> ].\n"
               "<a> a ex:P; ex:out <c>. <b> a ex:P; ex:in <c>.\n") ==
      "demo/p.ttl:6:47: error: processor <a> is assigned to two runners, cae:CppRunner and "
      "ex:Node; a processor runs under exactly one [topology]\n"
      "demo/p.ttl:5:70: note: it is first assigned here\n");
}

TEST_CASE("connector-architecture documents declare no runners: nothing to check") {
  CHECK(topology("<a> a ex:P; ex:out <c>. <b> a ex:P; ex:in <c>. <j> a ex:Js; ex:in <c>.\n") == "");
}
