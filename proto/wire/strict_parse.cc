#include "wire/strict_parse.h"

#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/unknown_field_set.h>

#include <map>
#include <vector>

#include "trainhub/v1/common.pb.h"

namespace trainhub::wire {

bool IsValidUtf8(absl::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    size_t len;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMinForLength[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

std::string FindMalformedUtf8(const google::protobuf::Descriptor& type,
                              const std::string& bytes) {
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromString(bytes)) return "";
  std::map<int, int> seen;  // field number -> occurrences so far
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    const google::protobuf::FieldDescriptor* descriptor =
        type.FindFieldByNumber(field.number());
    if (descriptor == nullptr ||
        field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      continue;
    }
    std::string path = descriptor->name();
    const int index = seen[field.number()]++;
    if (descriptor->is_repeated()) path += "[" + std::to_string(index) + "]";
    using FD = google::protobuf::FieldDescriptor;
    if (descriptor->type() == FD::TYPE_STRING) {
      if (!IsValidUtf8(field.length_delimited())) return path;
    } else if (descriptor->type() == FD::TYPE_MESSAGE) {
      std::string inner = FindMalformedUtf8(*descriptor->message_type(),
                                            field.length_delimited());
      if (!inner.empty()) return path + "." + inner;
    }
  }
  return "";
}

grpc::Status StrictDeserialize(grpc::ByteBuffer* buffer,
                               google::protobuf::Message* message) {
  if (buffer == nullptr) return grpc::Status(grpc::StatusCode::INTERNAL, "No payload");
  std::vector<grpc::Slice> slices;
  grpc::Status dumped = buffer->Dump(&slices);
  buffer->Clear();
  if (!dumped.ok()) return dumped;
  std::string bytes;
  for (const grpc::Slice& slice : slices) {
    bytes.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  }
  if (message->ParseFromString(bytes)) return grpc::Status::OK;

  const std::string field = FindMalformedUtf8(*message->GetDescriptor(), bytes);
  trainhub::v1::ErrorDetails details;
  std::string text;
  if (!field.empty()) {
    auto* violation = details.add_field_violations();
    violation->set_field(field);
    violation->set_description("is not valid UTF-8");
    text = field + ": is not valid UTF-8";
  } else {
    text = "the request is not a valid " + message->GetDescriptor()->full_name() +
           " message";
  }
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, text, details.SerializeAsString());
}

}  // namespace trainhub::wire
