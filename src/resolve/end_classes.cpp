#include "resolve/end_classes.hpp"

#include <array>

namespace cae::resolve {
namespace {

using model::Transport;

constexpr std::array end_classes = {
    EndClass{"https://w3id.org/conn#WsReaderChannel", Transport::ws, EndSide::ingress,
             Direction::reader},
    EndClass{"https://w3id.org/conn#WsWriterChannel", Transport::ws, EndSide::egress,
             Direction::writer},
    EndClass{"https://w3id.org/conn#HttpReaderChannel", Transport::http, EndSide::ingress,
             Direction::reader},
    EndClass{"https://w3id.org/conn#HttpWriterChannel", Transport::http, EndSide::egress,
             Direction::writer},
    EndClass{"https://w3id.org/conn#FileReaderChannel", Transport::file, EndSide::ingress,
             Direction::reader},
    EndClass{"https://w3id.org/conn#FileWriterChannel", Transport::file, EndSide::egress,
             Direction::writer},
    EndClass{"https://w3id.org/cae#TcpReaderChannel", Transport::tcp, EndSide::ingress,
             Direction::reader},
    EndClass{"https://w3id.org/cae#TcpWriterChannel", Transport::tcp, EndSide::egress,
             Direction::writer},
    EndClass{"https://w3id.org/conn/js#JsReaderChannel", Transport::memory, EndSide::memory,
             Direction::reader},
    EndClass{"https://w3id.org/conn/js#JsWriterChannel", Transport::memory, EndSide::memory,
             Direction::writer},
    EndClass{"https://w3id.org/conn#JsReaderChannel", Transport::memory, EndSide::memory,
             Direction::reader},
    EndClass{"https://w3id.org/conn#JsWriterChannel", Transport::memory, EndSide::memory,
             Direction::writer},
};

}  // namespace

const EndClass* find_end_class(std::string_view iri) {
  for (const auto& end : end_classes) {
    if (end.iri == iri) return &end;
  }
  return nullptr;
}

bool is_unsupported_end_class(std::string_view iri) {
  return iri.starts_with("https://w3id.org/conn#Kafka") ||
         iri.starts_with("https://w3id.org/conn#Nifi");
}

std::optional<Direction> field_direction(std::string_view iri) {
  if (iri == "https://w3id.org/rdf-connect#Reader" ||
      iri == "https://w3id.org/conn#ReaderChannel") {
    return Direction::reader;
  }
  if (iri == "https://w3id.org/rdf-connect#Writer" ||
      iri == "https://w3id.org/conn#WriterChannel") {
    return Direction::writer;
  }
  if (const EndClass* end = find_end_class(iri)) return end->direction;
  return std::nullopt;
}

std::string_view direction_name(Direction direction) {
  return direction == Direction::reader ? "reader" : "writer";
}

}  // namespace cae::resolve
