#ifndef TRAINHUB_PROTO_TRAINHUB_V1_ADMIN_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_ADMIN_WIRE_H_

// What the generated admin.grpc.pb.h includes instead of admin.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/admin.pb.h"
#include "wire/strict_parse.h"

TRAINHUB_STRICT_PARSE_STREAMED_REQUEST(::trainhub::v1::BackupDatabaseRequest)

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_ADMIN_WIRE_H_
