// The entry point of the example plugin: cae calls it once, when a pipeline first needs one of
// the library's classes, and refuses the library if it was built for another API version.
#include "cae/plugin.hpp"
#include "example.hpp"

CAE_PLUGIN(registrar) {
  registrar.add<example::Reverse>("http://example.org/plugin#Reverse");
  registrar.add<example::Repeat>("http://example.org/plugin#Repeat");
}
