#include "model/pipeline.hpp"

#include <algorithm>
#include <array>

namespace cae::model {

std::string_view transport_name(Transport transport) {
  static constexpr std::array<std::string_view, 5> names = {"memory", "ws", "http", "file", "tcp"};
  return names.at(static_cast<std::size_t>(transport));
}

const Processor* Pipeline::find_processor(std::string_view id) const {
  auto it = std::find_if(processors.begin(), processors.end(),
                         [&](const Processor& p) { return p.id == id; });
  return it == processors.end() ? nullptr : &*it;
}

const Channel* Pipeline::find_channel(std::string_view id) const {
  auto it = std::find_if(channels.begin(), channels.end(),
                         [&](const Channel& c) { return c.id == id; });
  return it == channels.end() ? nullptr : &*it;
}

namespace {

bool is_raw_literal(const Json& value) {
  const auto text = [&](const char* key) { return value.contains(key) && value[key].is_string(); };
  return text("literal") && text("datatype") && (value.size() == 2 || (value.size() == 3 && text("lang")));
}

// Field names come out sorted (nlohmann::json's order); a raw literal keeps the key order of
// spec/arguments.md §3: literal, datatype, lang.
nlohmann::ordered_json ordered_arguments(const Json& value) {
  if (value.is_array()) {
    auto out = nlohmann::ordered_json::array();
    for (const auto& item : value) out.push_back(ordered_arguments(item));
    return out;
  }
  if (!value.is_object()) return nlohmann::ordered_json::parse(value.dump());
  auto out = nlohmann::ordered_json::object();
  if (is_raw_literal(value)) {
    for (const char* key : {"literal", "datatype", "lang"}) {
      if (value.contains(key)) out[key] = value[key].get<std::string>();
    }
    return out;
  }
  for (const auto& [key, item] : value.items()) out[key] = ordered_arguments(item);
  return out;
}

}  // namespace

nlohmann::ordered_json to_inspect_json(const Pipeline& pipeline) {
  nlohmann::ordered_json out;
  out["pipeline"] = pipeline.iri;
  auto& processors = out["processors"] = nlohmann::ordered_json::array();
  for (const auto& p : pipeline.processors) {
    nlohmann::ordered_json entry;
    entry["id"] = p.id;
    entry["type"] = p.type;
    entry["runner"] = p.runner;
    // Arguments keep nlohmann::json's sorted keys: byte order of field names.
    entry["arguments"] = ordered_arguments(p.arguments);
    processors.push_back(std::move(entry));
  }
  auto& channels = out["channels"] = nlohmann::ordered_json::array();
  for (const auto& c : pipeline.channels) {
    nlohmann::ordered_json entry;
    entry["id"] = c.id;
    entry["writers"] = c.writers;
    entry["readers"] = c.readers;
    entry["transport"] = transport_name(c.transport);
    channels.push_back(std::move(entry));
  }
  return out;
}

}  // namespace cae::model
