#ifndef TRAINHUB_PROTO_TRAINHUB_V1_SCHEDULE_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_SCHEDULE_WIRE_H_

// What the generated schedule.grpc.pb.h includes instead of schedule.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/schedule.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_SCHEDULE_WIRE_H_
