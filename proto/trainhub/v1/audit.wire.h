#ifndef TRAINHUB_PROTO_TRAINHUB_V1_AUDIT_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_AUDIT_WIRE_H_

// What the generated audit.grpc.pb.h includes instead of audit.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/audit.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_AUDIT_WIRE_H_
