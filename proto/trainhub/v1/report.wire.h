#ifndef TRAINHUB_PROTO_TRAINHUB_V1_REPORT_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_REPORT_WIRE_H_

// What the generated report.grpc.pb.h includes instead of report.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/report.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_REPORT_WIRE_H_
