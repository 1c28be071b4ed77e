#ifndef TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_PDF_H_
#define TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_PDF_H_

// The printed certificate: an A4 PDF in German, "Zertifikat" or
// "Teilnahmebestätigung" (for a series that issues only those, worded for
// an event with the days attended), with the holder's name in any script
// (isolated, shaped by pango), the series and its organisations, the modules
// with dates, trainers, topics and teaching units, place and date, the
// signatory, the serial and a QR code of the verification address, and that
// it is valid without a signature. A document of format version 1 prints as
// it did. Drawn with cairo (domain/documents/pdf_canvas.h).

#include <string>

#include "absl/status/statusor.h"
#include "domain/completion/certificate_document.h"

namespace trainhub::domain {

// The PDF's bytes; RESOURCE_EXHAUSTED when too many documents are being
// made, INTERNAL when drawing fails.
absl::StatusOr<std::string> RenderCertificatePdf(const CertificateContent& content,
                                                 const std::string& verification_url);

}  // namespace trainhub::domain

#endif  // TRAINHUB_SERVICES_DOMAIN_COMPLETION_CERTIFICATE_PDF_H_
