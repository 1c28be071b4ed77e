#ifndef TRAINHUB_PROTO_TRAINHUB_V1_SERIES_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_SERIES_WIRE_H_

// What the generated series.grpc.pb.h includes instead of series.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/series.pb.h"
#include "wire/strict_parse.h"

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_SERIES_WIRE_H_
