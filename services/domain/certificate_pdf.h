#ifndef TRAINHUB_SERVICES_DOMAIN_CERTIFICATE_PDF_H_
#define TRAINHUB_SERVICES_DOMAIN_CERTIFICATE_PDF_H_

// The printed certificate: an A4 PDF in German, "Zertifikat" or
// "Teilnahmebestätigung", with the holder's name in any script (isolated,
// shaped by pango), the series and its organisations, the modules attended
// with dates and teaching units, the serial and a QR code of the
// verification address. Drawn with cairo (domain/pdf_canvas.h).

#include <string>

#include "absl/status/statusor.h"
#include "domain/certificate_document.h"

namespace trainhub::domain {

// The PDF's bytes; RESOURCE_EXHAUSTED when too many documents are being
// made, INTERNAL when drawing fails.
absl::StatusOr<std::string> RenderCertificatePdf(const CertificateContent& content,
                                                 const std::string& verification_url);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_CERTIFICATE_PDF_H_
