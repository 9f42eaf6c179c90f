// --runner (ResolveOptions::runner): only one runner's execution contexts are resolved, and
// in-memory channels may not cross to another runner's processors.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "fixture.hpp"

using namespace cae::test;

namespace {

// ex:R reads one channel, ex:W writes one; both built in. Two cae runners, <#w> and <#r>, and a
// JavaScript one; the pipeline's body starts on line 8.
constexpr std::string_view header =
    R"(@prefix sh: <http://www.w3.org/ns/shacl#>. @prefix rdfc: <https://w3id.org/rdf-connect#>. @prefix cae: <https://w3id.org/cae#>. @prefix conn: <https://w3id.org/conn#>. @prefix ex: <http://ex.org/>.
ex:R cae:cppImplementationOf rdfc:Processor. ex:W cae:cppImplementationOf rdfc:Processor.
[] a sh:NodeShape; sh:targetClass ex:R; sh:property [ sh:path ex:in; sh:name "in"; sh:class rdfc:Reader; sh:maxCount 1 ].
[] a sh:NodeShape; sh:targetClass ex:W; sh:property [ sh:path ex:out; sh:name "out"; sh:class rdfc:Writer; sh:maxCount 1 ].
<#w> a rdfc:Runner; rdfc:handlesSubjectsOf cae:cppImplementationOf.
<#r> a rdfc:Runner; rdfc:handlesSubjectsOf cae:cppImplementationOf.
<#js> a rdfc:Runner; rdfc:handlesSubjectsOf rdfc:jsImplementationOf.
)";

class RunnerCase {
 public:
  RunnerCase(std::string_view body, std::string runner) {
    const auto path = dir_.write("p.ttl", std::string{header} + std::string{body});
    auto options = options_with_builtins({"http://ex.org/R", "http://ex.org/W"});
    options.file_root = dir_.path().string();
    options.runner = std::move(runner);
    result_ = resolve_file(path, options);
  }

  // Errors with the directory's path replaced by "DIR".
  [[nodiscard]] std::string errors() const {
    std::string text = result_.errors();
    const std::string dir = dir_.path().string();
    for (auto at = text.find(dir); at != std::string::npos; at = text.find(dir)) {
      text.replace(at, dir.size(), "DIR");
    }
    return text;
  }

  [[nodiscard]] std::vector<std::string> processors() const {
    std::vector<std::string> out;
    for (const auto& p : result_.pipeline.processors) out.push_back(p.id.substr(p.id.rfind('/')));
    return out;
  }

  [[nodiscard]] const Resolution& result() const { return result_; }

 private:
  TempDir dir_;
  Resolution result_;
};

// A writer on runner <#w> and a reader on runner <#r>, joined by TCP ends.
constexpr std::string_view over_tcp =
    R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates <#w>; rdfc:processor <emit> ],
  [ rdfc:instantiates <#r>; rdfc:processor <show> ].
<emit> a ex:W; ex:out <out>. <out> a cae:TcpWriterChannel; cae:tcpPort 9000.
<show> a ex:R; ex:in <in>. <in> a cae:TcpReaderChannel; cae:tcpPort 9000.
)";

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("--runner resolves only that runner's contexts; without it all cae contexts run") {
  CHECK(RunnerCase{over_tcp, ""}.processors() == Names{"/emit", "/show"});
  const RunnerCase writer{over_tcp, "#w"};
  CHECK(writer.errors() == "");
  CHECK(writer.processors() == Names{"/emit"});
  REQUIRE(writer.result().pipeline.channels.size() == 1);
  CHECK(writer.result().pipeline.channels[0].id.ends_with("/out"));
  REQUIRE(writer.result().pipeline.runners.size() == 1);
  CHECK(writer.result().pipeline.runners[0].id.ends_with("/p.ttl#w"));
  CHECK(RunnerCase{over_tcp, "<p.ttl#r>"}.processors() == Names{"/show"});
}

TEST_CASE("--runner accepts an absolute IRI, <name>, #name and a prefixed name") {
  const std::string body =
      R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates ex:run; rdfc:processor <emit> ].
ex:run a rdfc:Runner; rdfc:handlesSubjectsOf cae:cppImplementationOf.
<emit> a ex:W; ex:out <out>. <out> a cae:TcpWriterChannel; cae:tcpPort 9000.
)";
  CHECK(RunnerCase{body, "ex:run"}.processors() == Names{"/emit"});
  CHECK(RunnerCase{body, "http://ex.org/run"}.processors() == Names{"/emit"});
  CHECK(RunnerCase{body, "<http://ex.org/run>"}.processors() == Names{"/emit"});
}

TEST_CASE("other runners' contexts are ignored whatever their runner, also when invalid") {
  const RunnerCase c{R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates <#w>; rdfc:processor <emit> ],
  [ rdfc:instantiates <#js>; rdfc:processor <log>, <missing> ].
<emit> a ex:W; ex:out <out>. <out> a conn:WsWriterChannel; conn:wsUrl "ws://127.0.0.1:8123".
<log> a ex:JsLog; ex:input <in>. <in> a conn:WsReaderChannel; conn:wsPort 8123.
)",
                     "#w"};
  CHECK(c.errors() == "");
  CHECK(c.processors() == Names{"/emit"});
}

TEST_CASE("an in-memory channel between the selected runner and another is a channel error") {
  const std::string body =
      R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates <#w>; rdfc:processor <emit> ],
  [ rdfc:instantiates <#js>; rdfc:processor <log> ].
<emit> a ex:W; ex:out <words>.
<log> a ex:JsLog; ex:args [ ex:input <words> ].
)";
  const std::string expected =
      "DIR/p.ttl:10:23: error: channel <words> joins <emit> (runner <p.ttl#w>) and <log> (runner "
      "<p.ttl#js>) in memory, but only runner <p.ttl#w> runs in this process (--runner); a "
      "channel between runners needs a transport: give it ends such as cae:TcpWriterChannel for "
      "the writers and cae:TcpReaderChannel for the readers (or ws, http or file ends) "
      "[channel]\n"
      "DIR/p.ttl:11:38: note: <log> names it here\n";
  CHECK(RunnerCase{body, "#w"}.errors() == expected);
  // Without --runner the JavaScript context is an error of its own, as before.
  CHECK(RunnerCase{body, ""}.errors().find("[unknown-type]") != std::string::npos);
}

TEST_CASE("a pairing node whose other end another runner uses also crosses runners") {
  const RunnerCase c{R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates <#w>; rdfc:processor <emit> ],
  [ rdfc:instantiates <#r>; rdfc:processor <show> ].
<pair> a conn:Channel; conn:writer <wend>; conn:reader <rend>.
<emit> a ex:W; ex:out <wend>.
<show> a ex:R; ex:in <rend>.
)",
                     "#r"};
  CHECK(c.errors().find("error: channel <pair> joins <show> (runner <p.ttl#r>) and <emit> "
                        "(runner <p.ttl#w>) in memory") != std::string::npos);
  CHECK(c.errors().find("has a reader (<show>) but no writer") == std::string::npos);
}

TEST_CASE("an unknown --runner is a usage error listing the document's runners") {
  CHECK(RunnerCase{over_tcp, "#nobody"}.errors() ==
        "cae: error: --runner #nobody: no execution context of pipeline <p.ttl> instantiates "
        "<file://DIR/p.ttl#nobody>; its runners are <p.ttl#w>, <p.ttl#r> [usage]\n");
  CHECK(RunnerCase{"<a> a ex:W; ex:out <b>. <b> a cae:TcpWriterChannel; cae:tcpPort 1.\n", "#w"}
            .errors() ==
        "cae: error: --runner #w: the document has no pipeline resource, so no execution contexts "
        "to choose from; it runs in connector-architecture mode, where cae runs every processor "
        "it can [usage]\n");
}

TEST_CASE("a selected runner that cae cannot run is reported as without --runner") {
  const RunnerCase c{R"(<> a rdfc:Pipeline; rdfc:consistsOf [ rdfc:instantiates <#js>; rdfc:processor <log> ].
)",
                     "#js"};
  CHECK(c.errors().find("runner <p.ttl#js> handles rdfc:jsImplementationOf; cae runs only") !=
        std::string::npos);
}
