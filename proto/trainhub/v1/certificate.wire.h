#ifndef TRAINHUB_PROTO_TRAINHUB_V1_CERTIFICATE_WIRE_H_
#define TRAINHUB_PROTO_TRAINHUB_V1_CERTIFICATE_WIRE_H_

// What the generated certificate.grpc.pb.h includes instead of certificate.pb.h: the
// messages plus strict request parsing (wire/strict_parse.h).

#include "trainhub/v1/certificate.pb.h"
#include "wire/strict_parse.h"

TRAINHUB_STRICT_PARSE_STREAMED_REQUEST(::trainhub::v1::DownloadCertificatesRequest)

#endif  // TRAINHUB_PROTO_TRAINHUB_V1_CERTIFICATE_WIRE_H_
