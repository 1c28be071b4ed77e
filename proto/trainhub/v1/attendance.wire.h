#ifndef TRAINHUB_PROTO_TRAINHUB_V1_ATTENDANCE_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_ATTENDANCE_WIRE_H_

// What the generated attendance.grpc.pb.h includes instead of attendance.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/attendance.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_ATTENDANCE_WIRE_H_
