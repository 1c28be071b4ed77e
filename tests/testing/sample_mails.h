// Mails as the notifications write them, with names and subjects in the
// scripts trainhub's people use (Arabic, Cyrillic, Turkish, German), for the
// tests of services/mail.

#ifndef TRAINHUB_TESTS_TESTING_SAMPLE_MAILS_H_
#define TRAINHUB_TESTS_TESTING_SAMPLE_MAILS_H_

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "domain/ports/mail.h"

namespace trainhub::testing {

inline constexpr const char* kRecipientNames[] = {"فاطمة الزهراء", "Ольга Петрова-Соколова",
                                                  "Şule Yılmaz-Öztürk, geb. Çelik"};

// Every byte value, so that no encoding step may lose or alter one.
inline std::string AllBytes() {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// Mail number `n`: a recipient from kRecipientNames, a subject in three
// scripts, a body with lines a careless transport would break (a leading
// dot, "From ", a long line), an unsubscribe link.
inline domain::Mail SampleMail(int n) {
  domain::Mail mail;
  mail.message_id = absl::StrCat("notification-", n, ".7k3m@trainhub.example.org");
  mail.from_name = "Fachstelle Vielfalt – Stadt Köln";
  mail.from_address = "noreply@trainhub.example.org";
  mail.to_name = kRecipientNames[n % 3];
  mail.to_address = absl::StrCat("person", n, "@example.org");
  mail.subject = absl::StrCat("Ihr Platz ist bestätigt (", n,
                              "): Interkulturelle Kompetenz – Ваше место – مقعدك مؤكد");
  mail.text_body = absl::StrCat("Guten Tag ", mail.to_name, ",\n\n",
                                "Ihr Platz im Modul 2 ist bestätigt. Grüße, Ümit Çelik\n",
                                ".Diese Zeile beginnt mit einem Punkt\n", ".\n",
                                "From the coordinators: bis bald!\n", std::string(300, 'x'),
                                "\nЗдравствуйте! مرحبا\n");
  mail.date = absl::FromUnixSeconds(1796000000 + n);
  mail.language = "de";
  mail.unsubscribe = "https://trainhub.example.org/notifications/settings?token=q7Z2";
  return mail;
}

// SampleMail(n) with a PDF (every byte value inside) and an iCalendar
// invitation attached.
inline domain::Mail SampleMailWithAttachments(int n) {
  domain::Mail mail = SampleMail(n);
  mail.attachments.push_back({"Zertifikat-Şule-7K3M.pdf", "application/pdf",
                              absl::StrCat("%PDF-1.4\n", AllBytes(), "\n%%EOF\n")});
  mail.attachments.push_back(
      {"einladung.ics", "text/calendar; method=REQUEST",
       "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
       "UID:session-42@trainhub.example.org\r\nSUMMARY:Modul 2 – Vielfalt\r\n"
       "END:VEVENT\r\nEND:VCALENDAR\r\n"});
  return mail;
}

}  // namespace trainhub::testing

#endif  // TRAINHUB_TESTS_TESTING_SAMPLE_MAILS_H_
