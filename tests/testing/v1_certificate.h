// A certificate document as trainhub issued them before the format had a
// second version ("trainhub-certificate-v1", before signatories, module
// topics and one-day events), with its signature: issued certificates are
// frozen, so this text must keep verifying and parsing for as long as
// trainhub runs. Never regenerate it with newer code.

#ifndef TRAINHUB_TESTS_TESTING_V1_CERTIFICATE_H_
#define TRAINHUB_TESTS_TESTING_V1_CERTIFICATE_H_

namespace trainhub::testing {

// The Ed25519 seed it was signed with: 32 bytes of 0x07.
inline constexpr char kV1CertificateSeedByte = '\x07';
inline constexpr char kV1CertificateSerial[] = "7K3M-Q9ZD-X2RT-4HNB";
inline constexpr char kV1CertificateDocument[] =
    R"json({"evaluation":{"rule":{"all_modules":true,"min_modules":0},"rule_outcome":"certificate","teaching_unit_percent":"75"},"format":"trainhub-certificate-v1","holder":{"name":"أمل حداد"},"issued":"2019-06-08T13:20:00Z","key_id":"kb3d42c9cabdf2d29","modules":[{"attended":true,"dates":"23.–24.11.2018","position":1,"teaching_units":"16","teaching_units_attended":"16","title":"Veränderungsprozesse I","trainers":["Nuran Şahin"]},{"attended":false,"dates":"01.–02.03.2019","position":2,"teaching_units":"16","teaching_units_attended":"8","title":"Change Management","trainers":["Алина Петрова"]}],"organization":{"name":"Auslandsgesellschaft Sachsen-Anhalt e.V."},"outcome":"Zertifikat","partners":["Hochschule Anhalt"],"serial":"7K3M-Q9ZD-X2RT-4HNB","series":{"id":1,"kind":1,"qualification":"Systemische Organisationsberater:in","title":"Systemische Organisationsberatung im interkulturellen Kontext"},"supersedes":"","teaching_units_attended":"24","teaching_units_total":"32"})json";
// base64url without padding, as the API sends signatures.
inline constexpr char kV1CertificateSignature[] =
    "zP-MLcnvTOk4kodSexuMicpwRUGaxkdhPKN_uAotIceleVwg7iD8uEULAkkCMG0JbCnPCQ-RkpU7UvAbtU_gAw";

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_V1_CERTIFICATE_H_
