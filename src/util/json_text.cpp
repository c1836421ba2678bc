#include "util/json_text.h"

#include <json/writer.h>

namespace util {

std::string to_json_text(const Json::Value& value) {
    static const Json::StreamWriterBuilder builder = [] {
        Json::StreamWriterBuilder b;
        b["indentation"] = "";
        b["emitUTF8"] = true;
        return b;
    }();
    return Json::writeString(builder, value);
}

}  // namespace util
